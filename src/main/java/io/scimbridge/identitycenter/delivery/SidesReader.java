package io.scimbridge.identitycenter.delivery;

import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.resource.SourceResources;
import io.scimbridge.rules.ForwardingDecisions;
import io.scimbridge.rules.RulesMetrics;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.store.ReadOnly;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Reads what one delivery diffs ({@link Sides}): the source, the rules' decision on it and the
 * shadow in one short read-only transaction beside the writer. A resource whose
 * create was answered by Identity Center but never recorded has no shadow yet; it is looked up by
 * its name and adopted here ({@link Creates#resolveInFlight}), before anything is diffed, so that
 * a source deleted meanwhile still deletes it. The rules' decision is counted once the shadow is
 * known (not for a deleted source, which the rules no longer decide on).
 */
@ApplicationScoped
public class SidesReader {

    private final SourceResources resources;
    private final ForwardingDecisions decisions;
    private final RulesMetrics rulesMetrics;
    private final ShadowStore shadows;
    private final Creates creates;

    public SidesReader(SourceResources resources, ForwardingDecisions decisions, RulesMetrics rulesMetrics,
                       ShadowStore shadows, Creates creates) {
        this.resources = resources;
        this.decisions = decisions;
        this.rulesMetrics = rulesMetrics;
        this.shadows = shadows;
        this.creates = creates;
    }

    /**
     * What the store holds of both sides, in one read-only transaction: the caller's when it runs
     * one ({@link Delivery} reads the guard's state of the resource in it too). Such a transaction
     * costs more CPU than the few queries in it, and a delivery used to open one per query.
     */
    Sides read(OutboxQueue.Claim claim) {
        return ReadOnly.call(() -> {
            SourceSnapshot source = source(claim);
            Optional<Shadow> shadow = shadows.find(claim.resourceId());
            Optional<String> createInFlight = shadow.isEmpty() ? shadows.createInFlight(claim.resourceId()) : Optional.empty();
            return new Sides(source, shadow, createInFlight);
        });
    }

    /**
     * After {@link #read}, outside its transaction (this may call Identity Center): a create
     * answered but never recorded is found by its name and adopted; the rules' decision is counted.
     */
    Sides resolve(OutboxQueue.Claim claim, Sides read) {
        Sides sides = read.createInFlight()
                .map(name -> new Sides(read.source(), creates.resolveInFlight(claim, name), Optional.empty()))
                .orElse(read);
        if (!sides.source().deleted()) {
            rulesMetrics.record(sides.source().decision());
        }
        return sides;
    }

    /** {@code desired = translate(shape(rules, source))}: the shape part, read with the source. */
    private SourceSnapshot source(OutboxQueue.Claim claim) {
        return ReadOnly.call(() -> resources.find(claim.type(), claim.resourceId())
                .map(r -> new SourceSnapshot(r.document(),
                        claim.type() == ResourceType.GROUP ? resources.memberIds(r.pk()) : List.of(),
                        decisions.decide(r)))
                .orElse(new SourceSnapshot(null, List.of(), null)));
    }
}
