package io.scimbridge.revocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the permission sets' inline policies hold the Deny: for every permission set of the
 * instance, the ids it should deny are computed (see {@link Desired}), the inline policy is read
 * back (GetInlinePolicyForPermissionSet) and, only where the bridge's statement differs, the
 * policy is rewritten with the operator's statements kept ({@link DenyPolicy#merge}) or deleted
 * when the bridge's statement was all it held; then ProvisionPermissionSet to every account the
 * set is provisioned to, because an inline policy reaches the accounts' roles only then. A set
 * whose policy is right but whose accounts hold an older copy (a run cut short between the two
 * calls) is provisioned again: idempotent, like {@link ScpRevoker}.
 *
 * <p>An inline policy holds at most {@value #MAX_CHARACTERS} characters, of which at most
 * {@value #MAX_NON_WHITESPACE} are not whitespace (Identity Center quotas: "Maximum size of inline
 * policy per permission set"; the second is IAM's quota on a role's inline policies, which is what
 * a permission set becomes in each account), the operator's statements included: about 200 ids of
 * 47 characters beside a small operator policy. The ids that do not fit, longest on the list first
 * kept, are reported as not covered in that set.
 */
final class PermissionSetRevoker {

    static final int MAX_CHARACTERS = 32768;
    static final int MAX_NON_WHITESPACE = 10240;

    /**
     * What to deny where.
     *
     * @param everywhere        ids denied in every provisioned permission set (mode permission-sets, SCP overflow)
     * @param managementAccount ids denied in the sets provisioned to the management account (SCPs never apply there)
     * @param perSet            permission set ARN -> ids denied in that set only (revokeOnGroupRemoval)
     */
    record Desired(List<String> everywhere, List<String> managementAccount, Map<String, List<String>> perSet) {
        boolean isEmpty() {
            return everywhere.isEmpty() && managementAccount.isEmpty() && perSet.values().stream().allMatch(List::isEmpty);
        }
    }

    /**
     * After a run.
     *
     * @param inForce  permission set ARN -> the ids its inline policy denies and its accounts hold
     * @param wanted   permission set ARN -> the ids it should deny (in force or not)
     * @param held     permission set ARN -> the ids its inline policy names after the run (an expired entry is
     *                 forgotten only once gone)
     * @param problems what keeps ids from being in force, for operators
     * @param sets     the permission sets holding a bridge statement after the run
     * @param directlyAssigned permission set ARN -> the ids of {@link Desired#perSet()} left out because they
     *                 are assigned the set directly
     */
    record Outcome(Map<String, Set<String>> inForce, Map<String, Set<String>> wanted, Map<String, Set<String>> held,
                   List<String> problems, Map<String, SetUse> sets, Map<String, Set<String>> directlyAssigned) {

        /** Whether every set that should deny the id does. */
        boolean covers(String id) {
            return wanted.entrySet().stream().filter(e -> e.getValue().contains(id))
                    .allMatch(e -> inForce.getOrDefault(e.getKey(), Set.of()).contains(id));
        }

        Set<String> inAws() {
            Set<String> all = new LinkedHashSet<>();
            held.values().forEach(all::addAll);
            return all;
        }

        static Outcome none() {
            return new Outcome(Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of());
        }
    }

    /** One permission set holding the bridge's statement. */
    record SetUse(int ids, int characters, int accounts) {
    }

    private final PermissionSetGateway aws;

    PermissionSetRevoker(PermissionSetGateway aws) {
        this.aws = aws;
    }

    /** @param managementAccountId the organisation's management account, or null when no id is to be denied only there */
    Outcome apply(Desired desired, String managementAccountId) {
        Map<String, Set<String>> inForce = new LinkedHashMap<>();
        Map<String, Set<String>> wantedBySet = new LinkedHashMap<>();
        Map<String, Set<String>> heldAfter = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, SetUse> uses = new LinkedHashMap<>();
        Map<String, Set<String>> direct = new LinkedHashMap<>();
        for (String arn : aws.permissionSets()) {
            List<String> accounts = aws.provisionedAccounts(arn);
            Set<String> wanted = new LinkedHashSet<>();
            if (!accounts.isEmpty()) {
                // A set provisioned nowhere has no role, hence no session to end.
                wanted.addAll(desired.everywhere());
                if (managementAccountId != null && accounts.contains(managementAccountId)) {
                    wanted.addAll(desired.managementAccount());
                }
                wanted.addAll(scoped(arn, accounts, desired.perSet().getOrDefault(arn, List.of()), direct));
            }
            String existing = aws.inlinePolicy(arn);
            Set<String> held = DenyPolicy.ids(existing);
            if (wanted.isEmpty() && held.isEmpty()) {
                continue;
            }
            wantedBySet.put(arn, wanted);
            List<String> fitted;
            String merged;
            try {
                fitted = fit(existing, List.copyOf(wanted));
                merged = DenyPolicy.merge(existing, fitted);
            } catch (IllegalArgumentException e) {
                problems.add("The inline policy of permission set " + arn + " is not JSON; the bridge leaves it alone: "
                        + e.getMessage());
                heldAfter.put(arn, held);
                continue;
            }
            if (fitted.size() < wanted.size()) {
                problems.add((wanted.size() - fitted.size()) + " user(s) fit in no inline policy of permission set " + arn
                        + " (" + MAX_NON_WHITESPACE + " characters besides whitespace with the operator's statements)");
            }
            boolean changed = !held.equals(new LinkedHashSet<>(fitted));
            if (changed) {
                if (merged == null) {
                    aws.deleteInlinePolicy(arn);
                } else {
                    aws.putInlinePolicy(arn, merged);
                }
            }
            boolean provisioned = true;
            if (!accounts.isEmpty() && (changed || aws.outdatedSomewhere(arn))) {
                if (aws.provision(arn) instanceof PermissionSetGateway.Provisioned.Failed failed) {
                    provisioned = false;
                    problems.add("ProvisionPermissionSet of " + arn + " failed: " + failed.reason());
                }
            }
            heldAfter.put(arn, new LinkedHashSet<>(fitted));
            if (provisioned) {
                // unchanged and nothing outdated, or sent and provisioned: the accounts hold it
                inForce.put(arn, new LinkedHashSet<>(fitted));
            }
            if (!fitted.isEmpty()) {
                uses.put(arn, new SetUse(fitted.size(), merged == null ? 0 : merged.length(), accounts.size()));
            }
        }
        return new Outcome(inForce, wantedBySet, heldAfter, problems, uses, direct);
    }

    /**
     * The ids denied in this set only, but those assigned the set directly: the Deny would block
     * the set in every account, ending access the user keeps through its own assignment (the
     * groups it is still in were checked when the entry was written; a direct assignment can only
     * be read from AWS).
     */
    private List<String> scoped(String arn, List<String> accounts, List<String> ids, Map<String, Set<String>> direct) {
        if (ids.isEmpty()) {
            return ids;
        }
        Set<String> assigned = aws.usersAssigned(arn, accounts);
        List<String> kept = ids.stream().filter(id -> !assigned.contains(id)).toList();
        if (kept.size() < ids.size()) {
            direct.put(arn, ids.stream().filter(assigned::contains).collect(Collectors.toSet()));
        }
        return kept;
    }

    /** The longest prefix of {@code wanted} whose merged policy stays within the limit. */
    private static List<String> fit(String existing, List<String> wanted) {
        if (fits(existing, wanted)) {
            return wanted;
        }
        int low = 0;
        int high = wanted.size();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (fits(existing, wanted.subList(0, mid))) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return List.copyOf(wanted.subList(0, low));
    }

    private static boolean fits(String existing, List<String> ids) {
        String merged = DenyPolicy.merge(existing, ids);
        return merged == null || merged.length() <= MAX_CHARACTERS && nonWhitespace(merged) <= MAX_NON_WHITESPACE;
    }

    /** What IAM counts against a policy's size: every character but space, tab, CR and LF. */
    static int nonWhitespace(String policy) {
        return (int) policy.chars().filter(c -> c != ' ' && c != '\t' && c != '\n' && c != '\r').count();
    }
}
