package io.scimbridge.revocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;

/**
 * Makes the bridge-owned SCPs hold the deny list: reads what AWS holds (the root and whether SCPs
 * are enabled on it, the bridge's policies and their ids, the SCPs attached to each target),
 * packs the list ({@link ScpPacking}) into the slots left free by the operator's policies (5 per
 * target, FullAWSAccess and the operator's own included), and sends only the difference:
 * UpdatePolicy where a policy's ids changed, CreatePolicy + AttachPolicy for new ones, AttachPolicy
 * where a bridge policy is missing on a target, DetachPolicy + DeletePolicy for emptied ones.
 * Policies whose name is not {@code scim-bridge-session-revocation-N} are never changed, detached or
 * deleted. Idempotent: run it again, or after a crash half-way, and it sends what is still missing.
 *
 * <p>When the targets' slots are full, new policies go one level down ({@link ScpLevels}): attached
 * to every OU and account directly under the targets, then the level below that, each level adding
 * as much room as the targets had. A policy stays at the level it was created at until it empties.
 */
final class ScpRevoker {

    static final int MAX_PER_TARGET = 5;
    static final String DESCRIPTION = "scim-bridge session revocation: denies the live AWS sessions of Identity Center"
            + " users who left (managed by scim-bridge; do not edit)";

    /**
     * What AWS holds after a run.
     *
     * @param inForce  id -> the bridge policy denying it, attached to every target
     * @param overflow ids on the list that no SCP holds (no room, or SCPs unusable)
     * @param inAws    every id any bridge policy still holds (an expired entry is forgotten only once gone)
     * @param problems what stops the list from being fully in force, for operators
     * @param policies the bridge's policies: name -> (id count, size in characters)
     */
    record Outcome(Map<String, String> inForce, List<String> overflow, Set<String> inAws, List<String> problems,
                   Map<String, PolicyUse> policies) {
    }

    /**
     * One bridge-owned SCP after a run.
     *
     * @param level   0: attached to the configured targets (the root); 1: to every OU and account directly under them...
     * @param targets how many roots, OUs or accounts it is attached to
     */
    record PolicyUse(String id, int ids, int characters, int level, int targets) {
    }

    private final ScpGateway aws;

    ScpRevoker(ScpGateway aws) {
        this.aws = aws;
    }

    /**
     * @param desired           the deny list, longest on it first
     * @param configuredTargets where the policies go (empty: the root)
     * @param managementAccount left out of the levels below the targets: SCPs never apply to it
     * @param below             whether policies may also go on the levels below the targets once theirs are full
     */
    Outcome apply(List<String> desired, List<String> configuredTargets, String managementAccount, boolean below) {
        List<String> problems = new ArrayList<>();
        ScpGateway.Root root = aws.root();
        if (!root.scpEnabled()) {
            problems.add("Service control policies are not enabled on the organisation's root " + root.id()
                    + ": enable them (Organizations console > Policies > Service control policies > Enable, or"
                    + " EnablePolicyType SERVICE_CONTROL_POLICY), or set bridge.session-revocation.mode=permission-sets");
            return new Outcome(Map.of(), List.copyOf(desired), Set.of(), problems, Map.of());
        }
        List<String> targets = configuredTargets.isEmpty() ? List.of(root.id()) : configuredTargets;
        Map<String, ScpGateway.PolicyRef> owned = new LinkedHashMap<>();
        for (ScpGateway.PolicyRef p : aws.policies()) {
            if (ScpPacking.bridgeOwned(p.name())) {
                owned.put(p.name(), p);
            }
        }
        Map<String, Set<String>> current = new LinkedHashMap<>();
        owned.forEach((name, p) -> current.put(name, DenyPolicy.ids(aws.content(p.id()))));
        ScpLevels levels = new ScpLevels(aws, targets, managementAccount, below);
        Map<String, Integer> levelOf = new HashMap<>();
        owned.forEach((name, p) -> levelOf.put(name, targets.stream().anyMatch(t -> levels.attachedTo(t).contains(p.id()))
                ? 0 : levels.levelOf(aws.targetsOf(p.id()))));
        Placement placement = place(levels, owned, levelOf, current, desired);
        ScpPacking packing = placement.packing();

        Map<String, String> inForce = new LinkedHashMap<>();
        Set<String> inAws = new LinkedHashSet<>();
        Map<String, PolicyUse> uses = new LinkedHashMap<>();
        int created = 0;
        for (var entry : packing.policies().entrySet()) {
            String name = entry.getKey();
            List<String> ids = entry.getValue();
            ScpGateway.PolicyRef existing = owned.get(name);
            if (ids.isEmpty()) {
                if (existing != null) {
                    for (String target : aws.targetsOf(existing.id())) {
                        aws.detach(existing.id(), target);
                        Optional.ofNullable(levels.attachedTo(target)).ifPresent(a -> a.remove(existing.id()));
                    }
                    aws.delete(existing.id());
                }
                continue;
            }
            String content = DenyPolicy.render(ids);
            String id;
            int level;
            if (existing == null) {
                id = aws.create(name, DESCRIPTION, content);
                level = placement.levelOfNew(created++);
            } else {
                id = existing.id();
                level = levelOf.get(name);
                if (!current.get(name).equals(new LinkedHashSet<>(ids))) {
                    aws.update(id, content);
                }
            }
            List<String> levelTargets = levels.level(level).orElse(List.of());
            List<String> refused = new ArrayList<>();
            String reason = null;
            for (String target : levelTargets) {
                if (levels.attachedTo(target).contains(id)) {
                    continue;
                }
                try {
                    aws.attach(id, target);
                    levels.attachedTo(target).add(id);
                } catch (ConstraintViolationException e) {
                    refused.add(target);
                    reason = e.awsErrorDetails().errorMessage();
                }
            }
            if (!refused.isEmpty()) {
                problems.add("Could not attach " + name + " to " + refused.size() + " target(s) (" + String.join(", ",
                        refused.subList(0, Math.min(3, refused.size()))) + (refused.size() > 3 ? ", ..." : "") + "): "
                        + reason + " (5 SCPs at most per target, the operator's included)");
            }
            inAws.addAll(ids);
            uses.put(name, new PolicyUse(id, ids.size(), content.length(), level, levelTargets.size()));
            if (refused.isEmpty() && !levelTargets.isEmpty()) {
                ids.forEach(i -> inForce.put(i, name));
            }
        }
        if (!packing.overflow().isEmpty()) {
            problems.add(packing.overflow().size() + " user(s) fit in no service control policy (" + placement.room()
                    + " SCP slot(s) free on the targets" + (below ? " and the levels below them" : "") + ", "
                    + DenyPolicy.SCP_MAX_CHARACTERS + " characters each)");
        }
        Set<String> overflow = new LinkedHashSet<>(packing.overflow());
        desired.stream().filter(i -> !inForce.containsKey(i)).forEach(overflow::add);
        return new Outcome(inForce, List.copyOf(overflow), inAws, problems, uses);
    }

    /**
     * The packing, and at which level each new policy goes.
     *
     * @param rooms how many new policies each level takes, level 0 first
     */
    private record Placement(ScpPacking packing, List<Integer> rooms) {

        int room() {
            return rooms.stream().mapToInt(Integer::intValue).sum();
        }

        /** The level of the {@code n}th new policy (new policies fill level 0's room first, then level 1's...). */
        int levelOfNew(int n) {
            int seen = 0;
            for (int level = 0; level < rooms.size(); level++) {
                seen += rooms.get(level);
                if (n < seen) {
                    return level;
                }
            }
            throw new IllegalStateException("more new policies than room: " + n);
        }
    }

    /**
     * Packs the list into the bridge's policies and as many new ones as the free slots allow,
     * going one level deeper only while ids are left over. A target's free slots are what its
     * attached SCPs leave of five, less the bridge policies it should carry but does not yet, less
     * the new policies of shallower levels it is part of (an account directly under the root is in
     * every level below it).
     */
    private static Placement place(ScpLevels levels, Map<String, ScpGateway.PolicyRef> owned,
                                   Map<String, Integer> levelOf, Map<String, Set<String>> current, List<String> desired) {
        Map<String, Integer> reserved = new HashMap<>();
        List<Integer> rooms = new ArrayList<>();
        ScpPacking packing = ScpPacking.pack(current, desired, 0, DenyPolicy.SCP_MAX_CHARACTERS);
        for (int n = 0; !packing.overflow().isEmpty(); n++) {
            Optional<List<String>> level = levels.level(n);
            if (level.isEmpty()) {
                break;
            }
            int room = level.get().isEmpty() ? 0 : Integer.MAX_VALUE;
            for (String target : level.get()) {
                long missing = owned.entrySet().stream().filter(e -> !levels.attachedTo(target).contains(e.getValue().id()))
                        .filter(e -> levels.level(levelOf.get(e.getKey())).orElse(List.of()).contains(target)).count();
                int free = (int) (MAX_PER_TARGET - levels.attachedTo(target).size() - missing) - reserved.getOrDefault(target, 0);
                room = Math.min(room, free);
            }
            int taken = Math.max(0, room);
            rooms.add(taken);
            level.get().forEach(target -> reserved.merge(target, taken, Integer::sum));
            packing = ScpPacking.pack(current, desired, rooms.stream().mapToInt(Integer::intValue).sum(),
                    DenyPolicy.SCP_MAX_CHARACTERS);
        }
        return new Placement(packing, rooms);
    }
}
