package io.scimbridge.revocation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spreads the deny list over bridge-owned SCPs ({@value #PREFIX}N), each within 5,120 characters.
 * Stable: an id stays in the policy that holds it (no policy is rewritten for a change elsewhere,
 * and an id is never briefly absent while it moves); ids that leave the list are dropped from their
 * policy; new ids fill the room left in existing policies first, in order, then new policies as far
 * as {@code newPolicies} allows (the SCP slots free on every target). What does not fit is the
 * overflow. Plain Java.
 *
 * @param policies every bridge-owned policy after packing, by name (an empty list: to be deleted)
 * @param overflow the ids that fit in no SCP, in list order
 */
public record ScpPacking(Map<String, List<String>> policies, List<String> overflow) {

    public static final String PREFIX = "scim-bridge-session-revocation-";

    public static boolean bridgeOwned(String policyName) {
        return policyName.startsWith(PREFIX) && policyName.substring(PREFIX.length()).matches("[1-9][0-9]{0,5}");
    }

    /**
     * @param existing    bridge-owned policies AWS holds, by name, with their ids
     * @param desired     the deny list, in priority order (longest on it first)
     * @param newPolicies how many more bridge-owned policies may be created and attached
     * @param maxChars    the size limit of one policy document
     */
    public static ScpPacking pack(Map<String, ? extends Iterable<String>> existing, List<String> desired, int newPolicies,
                                  int maxChars) {
        Set<String> wanted = new LinkedHashSet<>(desired);
        Set<String> placed = new HashSet<>();
        Map<String, List<String>> policies = new LinkedHashMap<>();
        existing.keySet().stream().sorted((a, b) -> Integer.compare(index(a), index(b))).forEach(name -> {
            List<String> kept = new ArrayList<>();
            for (String id : existing.get(name)) {
                if (wanted.contains(id) && placed.add(id)) {
                    kept.add(id);
                }
            }
            policies.put(name, kept);
        });
        List<String> rest = wanted.stream().filter(id -> !placed.contains(id)).toList();
        int next = 0;
        for (List<String> ids : policies.values()) {
            next = fill(ids, rest, next, maxChars);
        }
        int created = 0;
        int number = 1;
        while (next < rest.size() && created < newPolicies) {
            while (policies.containsKey(PREFIX + number)) {
                number++;
            }
            List<String> ids = new ArrayList<>();
            next = fill(ids, rest, next, maxChars);
            if (ids.isEmpty()) {
                break; // one id alone is too long for a policy: cannot happen with Identity Center's ids (at most 47 characters)
            }
            policies.put(PREFIX + number, ids);
            created++;
        }
        return new ScpPacking(policies, List.copyOf(rest.subList(next, rest.size())));
    }

    /** Adds ids from {@code rest[next..]} while the policy stays within the limit; returns the next index. */
    private static int fill(List<String> ids, List<String> rest, int next, int maxChars) {
        int total = ids.stream().mapToInt(String::length).sum();
        while (next < rest.size()) {
            String id = rest.get(next);
            if (DenyPolicy.size(ids.size() + 1, total + id.length()) > maxChars) {
                break;
            }
            ids.add(id);
            total += id.length();
            next++;
        }
        return next;
    }

    static int index(String name) {
        try {
            return Integer.parseInt(name.substring(PREFIX.length()));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }
}
