package io.scimbridge.iamusers;

import java.util.Optional;

/**
 * The one place consulted before each destructive IAM step (a disable or a delete) is carried
 * out: the safety rails (mass-deprovisioning guard, protected principals) plug in here by
 * providing a bean of this type. The default refuses nothing.
 */
public interface RetirementGuard {

    /** A reason to refuse this step of this plan, or empty to let it go ahead. */
    Optional<String> refuse(Step step, RetirementPlan plan);
}
