package io.scimbridge.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each Deny goes, by mode, and one run of the revokers that put it there.
 *
 * <ul>
 *   <li>{@code scp}: the leavers in the bridge's SCPs ({@link ScpRevoker}) while they fit; the
 *   overflow (no slot left, or SCPs not enabled) in every provisioned permission set's inline
 *   policy; and, since SCPs never apply to the organisation's management account, every leaver
 *   also in the sets provisioned to that account.</li>
 *   <li>{@code permission-sets}: every leaver in every provisioned permission set.</li>
 * </ul>
 * In both, a user who lost a group with {@code revokeOnGroupRemoval} is denied in the sets that
 * group's assignments granted.
 */
@ApplicationScoped
public class Coverage {

    /** Placement of a leaver covered through permission sets rather than an SCP. */
    public static final String PERMISSION_SETS = "permission-sets";

    /**
     * After a run.
     *
     * @param inForce                  leaver id -> where it is denied (an SCP's name, or {@value #PERMISSION_SETS})
     * @param uncovered                leavers not (yet) denied everywhere they should be
     * @param inAws                    every leaver id any bridge SCP or inline policy still names
     * @param permissionSets           the permission-set half, for scoped entries and the status
     * @param managementAccount        the management account covered through its permission sets, or null
     * @param overflowToPermissionSets how many leavers went to permission sets for want of SCP room
     */
    public record Result(Map<String, String> inForce, List<String> uncovered, Set<String> inAws,
                         PermissionSetRevoker.Outcome permissionSets, List<String> problems,
                         Map<String, ScpRevoker.PolicyUse> policies, String managementAccount,
                         int overflowToPermissionSets) {
    }

    /** Where the bridge's SCPs go: the targets (empty: the root), and whether the levels below them too. */
    record ScpPlacement(List<String> targets, boolean belowTargets) {
    }

    private final SessionRevocationConfig config;
    private final ScpGateways scps;
    private final PermissionSetGateways permissionSets;
    private final HoldTime hold;

    public Coverage(SessionRevocationConfig config, ScpGateways scps, PermissionSetGateways permissionSets, HoldTime hold) {
        this.config = config;
        this.scps = scps;
        this.permissionSets = permissionSets;
        this.hold = hold;
    }

    boolean dryRun() {
        return scps.dryRun();
    }

    /**
     * @param leavers in priority order (longest on the list first)
     * @param scoped  permission set ARN -> ids denied there only
     */
    Result apply(List<String> leavers, Map<String, List<String>> scoped) {
        if (!dryRun()) {
            hold.refresh(java.time.Instant.now()); // the next leaver's hold; read here, where AWS is reached anyway
        }
        return switch (config.mode()) {
            case OFF -> new Result(Map.of(), List.of(), Set.of(), PermissionSetRevoker.Outcome.none(), List.of(),
                    Map.of(), null, 0);
            case PERMISSION_SETS -> inPermissionSets(permissionSets.gateway(), leavers, scoped);
            case SCP -> inScps(scps.gateway(), new ScpPlacement(config.targets().orElse(List.of()), config.belowTargets()),
                    permissionSets.gateway(), leavers, scoped);
        };
    }

    /** Mode permission-sets: every leaver in every provisioned set. */
    static Result inPermissionSets(PermissionSetGateway sso, List<String> leavers, Map<String, List<String>> scoped) {
        PermissionSetRevoker.Outcome outcome = new PermissionSetRevoker(sso).apply(
                new PermissionSetRevoker.Desired(leavers, List.of(), scoped), null);
        Map<String, String> inForce = new LinkedHashMap<>();
        leavers.stream().filter(outcome::covers).forEach(id -> inForce.put(id, PERMISSION_SETS));
        return result(leavers, inForce, outcome.inAws(), outcome, outcome.problems(), Map.of(), null, 0);
    }

    /** Mode scp: SCPs while they fit, the overflow and the management account through permission sets. */
    static Result inScps(ScpGateway organizations, ScpPlacement placement, PermissionSetGateway sso,
                         List<String> leavers, Map<String, List<String>> scoped) {
        String management = organizations.managementAccount();
        ScpRevoker.Outcome scp = new ScpRevoker(organizations).apply(leavers, placement.targets(), management,
                placement.belowTargets());
        Set<String> overflow = new LinkedHashSet<>(scp.overflow());
        List<String> inScps = leavers.stream().filter(id -> !overflow.contains(id)).toList();
        PermissionSetRevoker.Outcome outcome = new PermissionSetRevoker(sso).apply(
                new PermissionSetRevoker.Desired(List.copyOf(overflow), inScps, scoped), management);
        Map<String, String> inForce = new LinkedHashMap<>();
        for (String id : leavers) {
            if (!outcome.covers(id)) {
                continue;
            }
            if (scp.inForce().containsKey(id)) {
                inForce.put(id, scp.inForce().get(id));
            } else if (overflow.contains(id)) {
                inForce.put(id, PERMISSION_SETS);
            }
        }
        Set<String> inAws = new LinkedHashSet<>(scp.inAws());
        inAws.addAll(outcome.inAws());
        List<String> problems = new ArrayList<>(scp.problems());
        if (!overflow.isEmpty()) {
            problems.add(overflow.size() + " user(s) denied in the permission sets' inline policies instead"
                    + " (no room in service control policies)");
        }
        problems.addAll(outcome.problems());
        return result(leavers, inForce, inAws, outcome, problems, scp.policies(), management, overflow.size());
    }

    private static Result result(List<String> leavers, Map<String, String> inForce, Set<String> inAws,
                                 PermissionSetRevoker.Outcome outcome, List<String> problems,
                                 Map<String, ScpRevoker.PolicyUse> policies, String management, int overflow) {
        List<String> uncovered = leavers.stream().filter(id -> !inForce.containsKey(id)).toList();
        return new Result(inForce, uncovered, inAws, outcome, List.copyOf(problems), policies, management, overflow);
    }
}
