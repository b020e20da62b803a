package io.scimbridge.ops.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.preview.DeliveryPreview;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.resource.SourceResource;
import io.scimbridge.resource.SourceResources;
import io.scimbridge.rules.ForwardingDecisions;
import io.scimbridge.rules.InvalidRulesException;
import io.scimbridge.rules.ProtectedPrincipals;
import io.scimbridge.rules.RulesDecision;
import io.scimbridge.rules.RulesHolder;
import io.scimbridge.rules.Shaping;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.ScimException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;

/**
 * The rules as the bridge runs them: their status, a preview of a candidate file, and "why is
 * this user (not) in Identity Center?".
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class RulesAdminEndpoint {

    private final RulesHolder rules;
    private final DeliveryPreview preview;
    private final ForwardingDecisions decisions;
    private final SourceResources resources;
    private final ShadowStore shadows;
    private final OutboxQueue queue;

    public RulesAdminEndpoint(RulesHolder rules, DeliveryPreview preview, ForwardingDecisions decisions,
                              SourceResources resources, ShadowStore shadows, OutboxQueue queue) {
        this.rules = rules;
        this.preview = preview;
        this.decisions = decisions;
        this.resources = resources;
        this.shadows = shadows;
        this.queue = queue;
    }

    /** The rules file in force, when it was loaded, and a refused newer version if any. */
    @GET
    @Path("rules")
    public Object status() {
        return rules.status();
    }

    /**
     * What Identity Center would receive if this rules file (the request body, YAML) were
     * loaded; changes nothing. 400 with every error when the file is invalid.
     */
    @POST
    @Path("rules/preview")
    public DeliveryPreview.Preview preview(String yaml) {
        try {
            return preview.preview(rules.parse(yaml == null ? "" : yaml));
        } catch (InvalidRulesException e) {
            throw ScimException.invalidValue("The rules file is invalid: " + String.join("; ",
                    e.errors().stream().map(err -> err.format("rules")).toList()));
        }
    }

    /**
     * Why a resource is, or is not, in Identity Center. {@code protection} is "protected" when the
     * rules file's {@code protect:} names it (nothing is ever taken from it in AWS), else null.
     */
    public record Explanation(String id, String type, String name, String effect, String rule, List<String> reasons,
                              List<String> shaping, boolean inIdentityCenter, String identityCenterId,
                              boolean deliveryPending, String lastError, String protection) {}

    @GET
    @Path("resources/{id}/why")
    public Explanation why(@PathParam("id") String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SourceResource resource = resources.find(ResourceType.USER, id)
                    .or(() -> resources.find(ResourceType.GROUP, id))
                    .orElseThrow(() -> ScimException.notFound("No user or group " + id));
            RulesDecision decision = decisions.decide(resource);
            Optional<ShadowStore.Shadow> shadow = shadows.find(id);
            Optional<OutboxQueue.Entry> pending = queue.entries(false, 10_000).stream()
                    .filter(e -> e.resourceId().equals(id)).findFirst();
            return new Explanation(id, resource.type().wireName(), resource.name(), decision.effect().name(),
                    decision.rule().key(), decision.reasons().stream().map(Object::toString).toList(),
                    decision.shaping().stream().map(Shaping::describe).toList(), shadow.isPresent(),
                    shadow.map(ShadowStore.Shadow::icId).orElse(null), pending.isPresent(),
                    pending.map(OutboxQueue.Entry::lastError).orElse(null), protection(resource));
        });
    }

    private String protection(SourceResource resource) {
        ProtectedPrincipals protect = ProtectedPrincipals.of(rules.rules());
        boolean named = resource.type() == ResourceType.USER ? protect.user(resource.name())
                : protect.group(resource.name());
        return named ? "protected" : null;
    }
}
