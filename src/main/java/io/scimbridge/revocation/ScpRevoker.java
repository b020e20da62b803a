package io.scimbridge.revocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

    /** One bridge-owned SCP after a run. */
    record PolicyUse(String id, int ids, int characters) {
    }

    private final ScpGateway aws;

    ScpRevoker(ScpGateway aws) {
        this.aws = aws;
    }

    Outcome apply(List<String> desired, List<String> configuredTargets) {
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
        Map<String, Set<String>> attached = new HashMap<>();
        for (String target : targets) {
            attached.put(target, aws.attachedTo(target).stream().map(ScpGateway.PolicyRef::id)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
        }
        int slots = Integer.MAX_VALUE;
        for (String target : targets) {
            long missing = owned.values().stream().filter(p -> !attached.get(target).contains(p.id())).count();
            slots = (int) Math.min(slots, MAX_PER_TARGET - attached.get(target).size() - missing);
        }
        ScpPacking packing = ScpPacking.pack(current, desired, Math.max(0, slots), DenyPolicy.SCP_MAX_CHARACTERS);

        Map<String, String> inForce = new LinkedHashMap<>();
        Set<String> inAws = new LinkedHashSet<>();
        Map<String, PolicyUse> uses = new LinkedHashMap<>();
        for (var entry : packing.policies().entrySet()) {
            String name = entry.getKey();
            List<String> ids = entry.getValue();
            ScpGateway.PolicyRef existing = owned.get(name);
            if (ids.isEmpty()) {
                if (existing != null) {
                    for (String target : attached.keySet()) {
                        if (attached.get(target).remove(existing.id())) {
                            aws.detach(existing.id(), target);
                        }
                    }
                    // Attached to a target no longer configured: DeletePolicy fails (PolicyInUseException)
                    // and the run reports it; the operator detaches it there.
                    aws.delete(existing.id());
                }
                continue;
            }
            String content = DenyPolicy.render(ids);
            String id;
            if (existing == null) {
                id = aws.create(name, DESCRIPTION, content);
            } else {
                id = existing.id();
                if (!current.get(name).equals(new LinkedHashSet<>(ids))) {
                    aws.update(id, content);
                }
            }
            boolean everywhere = true;
            for (String target : targets) {
                if (attached.get(target).contains(id)) {
                    continue;
                }
                try {
                    aws.attach(id, target);
                    attached.get(target).add(id);
                } catch (ConstraintViolationException e) {
                    everywhere = false;
                    problems.add("Could not attach " + name + " to " + target + ": " + e.awsErrorDetails().errorMessage()
                            + " (5 SCPs at most per target, the operator's included)");
                }
            }
            inAws.addAll(ids);
            uses.put(name, new PolicyUse(id, ids.size(), content.length()));
            if (everywhere) {
                ids.forEach(i -> inForce.put(i, name));
            }
        }
        if (!packing.overflow().isEmpty()) {
            problems.add(packing.overflow().size() + " user(s) fit in no service control policy (" + slots
                    + " SCP slot(s) free on the targets, " + DenyPolicy.SCP_MAX_CHARACTERS + " characters each)");
        }
        Set<String> overflow = new LinkedHashSet<>(packing.overflow());
        desired.stream().filter(i -> !inForce.containsKey(i)).forEach(overflow::add);
        return new Outcome(inForce, List.copyOf(overflow), inAws, problems, uses);
    }

}
