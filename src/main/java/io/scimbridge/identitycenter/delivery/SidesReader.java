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
 * Reads what one delivery diffs ({@link Sides}), source first: the source and the rules' decision
 * on it in one short read-only transaction beside the writer, then the shadow. A resource whose
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

    Sides read(OutboxQueue.Claim claim) {
        SourceSnapshot source = source(claim);
        Optional<Shadow> shadow = shadows.find(claim.resourceId());
        if (shadow.isEmpty()) {
            // a create answered by Identity Center but never recorded: found by its name, adopted
            shadow = creates.resolveInFlight(claim);
        }
        if (!source.deleted()) {
            rulesMetrics.record(source.decision());
        }
        return new Sides(source, shadow);
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
