package io.scimbridge.identitycenter.preview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.IdentityCenterDialect;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.resource.SourceResource;
import io.scimbridge.resource.SourceResources;
import io.scimbridge.rules.ForwardingDecisions;
import io.scimbridge.rules.Rules;
import io.scimbridge.rules.RulesDecision;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.store.ReadOnly;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Identity Center would receive if some rules were in force: for every resource,
 * {@code desired = translate(shape(rules, source))} diffed against the shadow, exactly as
 * delivery diffs it, without changing anything. With the rules in force it lists what is still
 * to be delivered; with a candidate file it is the preview of {@code rules preview FILE}.
 */
@ApplicationScoped
public class DeliveryPreview {

    /** One change Identity Center would see, and the rule that caused it. */
    public record Change(String action, String type, String id, String name, String rule, List<String> reasons) {}

    /** Member changes of one forwarded group. */
    public record MembershipChange(String groupId, String group, int add, int remove) {}

    public record Preview(List<Change> changes, List<MembershipChange> memberships, int usersForwarded,
                          int groupsForwarded, String text) {}

    private final SourceResources resources;
    private final ShadowStore shadows;
    private final ForwardingDecisions decisions;
    private final IdentityCenterDialect dialect;

    public DeliveryPreview(SourceResources resources, ShadowStore shadows, ForwardingDecisions decisions,
                           IdentityCenterDialect dialect) {
        this.resources = resources;
        this.shadows = shadows;
        this.decisions = decisions;
        this.dialect = dialect;
    }

    /**
     * A read: it runs beside the store's writer, a page of resources at a time with their shadows,
     * each page in a read-only transaction ({@link SourceResources#forEachPage}), so that 100,000
     * users never sit in the heap at once (nor hold the writer while they are read).
     */
    public Preview preview(Rules rules) {
        List<Change> changes = new ArrayList<>();
        Set<String> forwardedUsers = new HashSet<>();
        resources.forEachPage(ResourceType.USER, users -> ReadOnly.run(() -> {
            Map<String, Shadow> shadowById = shadows.find(users.stream().map(SourceResource::id).toList());
            for (SourceResource user : users) {
                RulesDecision decision = decisions.decide(rules, user);
                if (decision.forwarded()) {
                    forwardedUsers.add(user.id());
                }
                ObjectNode desired = dialect.user(decision.document(), shadows::icIdOf);
                change(decision, desired, Optional.ofNullable(shadowById.get(user.id())), user).ifPresent(changes::add);
            }
        }));
        List<MembershipChange> memberships = new ArrayList<>();
        int[] groupsForwarded = {0};
        resources.forEachPage(ResourceType.GROUP, groups -> ReadOnly.run(() -> {
            Map<String, Shadow> shadowById = shadows.find(groups.stream().map(SourceResource::id).toList());
            for (SourceResource group : groups) {
                RulesDecision decision = decisions.decide(rules, group);
                Optional<Shadow> shadow = Optional.ofNullable(shadowById.get(group.id()));
                change(decision, dialect.group(decision.document()), shadow, group).ifPresent(changes::add);
                if (decision.forwarded()) {
                    groupsForwarded[0]++;
                    membershipChange(group, decision, shadow, forwardedUsers).ifPresent(memberships::add);
                }
            }
        }));
        return new Preview(changes, memberships, forwardedUsers.size(), groupsForwarded[0], render(changes, memberships));
    }

    private Optional<MembershipChange> membershipChange(SourceResource group, RulesDecision decision,
                                                        Optional<Shadow> shadow, Set<String> forwardedUsers) {
        Set<String> wanted = new HashSet<>(resources.memberIds(group.pk()));
        wanted.retainAll(forwardedUsers);
        Set<String> current = shadow.isPresent() ? shadows.members(group.id()) : Set.of();
        int add = (int) wanted.stream().filter(m -> !current.contains(m)).count();
        int remove = (int) current.stream().filter(m -> !wanted.contains(m)).count();
        return add + remove == 0 ? Optional.empty()
                : Optional.of(new MembershipChange(group.id(), decision.document().path("displayName").asText(), add, remove));
    }

    private static Optional<Change> change(RulesDecision decision, ObjectNode desired, Optional<Shadow> shadow,
                                           SourceResource resource) {
        String action = switch (decision.effect()) {
            case FORWARD -> shadow.isEmpty() ? "create"
                    : desired.equals(shadow.get().state()) ? null
                    : shadow.get().state().path("active").asBoolean(true) || !desired.path("active").asBoolean(true)
                    ? "update" : "reactivate";
            case DEACTIVATE -> shadow.isPresent() && shadow.get().state().path("active").asBoolean(true) ? "deactivate" : null;
            case DELETE -> shadow.isPresent() ? "delete" : null;
        };
        if (action == null) {
            return Optional.empty();
        }
        return Optional.of(new Change(action, resource.type().wireName(), resource.id(), resource.name(),
                decision.rule().key(), decision.reasons().stream().map(Object::toString).toList()));
    }

    private static String render(List<Change> changes, List<MembershipChange> memberships) {
        StringBuilder out = new StringBuilder();
        for (Change c : changes) {
            String sign = switch (c.action()) {
                case "create", "reactivate" -> "+";
                case "delete", "deactivate" -> "-";
                default -> "~";
            };
            out.append(String.format("%s %-10s %-5s %s  (%s)%n", sign, c.action(), c.type(), c.name(), c.rule()));
        }
        for (MembershipChange m : memberships) {
            out.append(String.format("~ members    Group %s  (+%d -%d)%n", m.group(), m.add(), m.remove()));
        }
        out.append(String.format("%d change(s), %d group membership change(s).%n", changes.size(), memberships.size()));
        return out.toString();
    }
}
