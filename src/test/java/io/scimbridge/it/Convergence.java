package io.scimbridge.it;

import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.identitycenter.emulator.StoredGroup;
import io.scimbridge.identitycenter.emulator.StoredUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Identity Center (the emulator) compared with what the IdP last sent: every difference is a
 * mismatch (a lost, stale or extra user, group or membership); every name created more than once
 * is a duplicate.
 */
record Convergence(List<String> mismatches, List<String> duplicates) {

    static Convergence of(IdpLedger ledger, IdentityCenterScimEmulator ic) {
        List<String> mismatches = new ArrayList<>();
        Map<String, StoredUser> icUsers = new HashMap<>();
        Map<String, String> userNameById = new HashMap<>();
        for (StoredUser u : ic.users()) {
            icUsers.put(IdpLedger.key(u.userName()), u);
            userNameById.put(u.id(), IdpLedger.key(u.userName()));
        }
        ledger.users().forEach((key, sent) -> {
            StoredUser held = icUsers.remove(key);
            if (held == null) {
                mismatches.add("user " + key + " missing");
            } else if (!Objects.equals(sent.displayName(), held.displayName()) || sent.active() != held.active()
                    || !Objects.equals(sent.givenName(), held.givenName()) || !Objects.equals(sent.familyName(), held.familyName())
                    || !sent.email().equalsIgnoreCase(held.email().orElse(""))) {
                mismatches.add("user " + key + " differs: sent " + sent + ", Identity Center holds " + held.attributes());
            }
        });
        icUsers.keySet().forEach(key -> mismatches.add("user " + key + (ledger.deletedUsers().contains(key)
                ? " deleted by the IdP but still in Identity Center" : " in Identity Center but never sent")));

        Map<String, StoredGroup> icGroups = new HashMap<>();
        ic.groups().forEach(g -> icGroups.put(g.displayName(), g));
        ledger.groups().forEach((name, members) -> {
            StoredGroup held = icGroups.remove(name);
            if (held == null) {
                mismatches.add("group " + name + " missing");
                return;
            }
            Set<String> heldMembers = new TreeSet<>();
            ic.members(held.id()).forEach(id -> heldMembers.add(userNameById.getOrDefault(id, "unknown id " + id)));
            if (!heldMembers.equals(members)) {
                Set<String> lost = new TreeSet<>(members);
                lost.removeAll(heldMembers);
                Set<String> extra = new TreeSet<>(heldMembers);
                extra.removeAll(members);
                mismatches.add("group " + name + " members: missing " + lost + ", extra " + extra);
            }
        });
        icGroups.keySet().forEach(name -> mismatches.add("group " + name + " in Identity Center but not at the IdP"));

        List<String> duplicates = new ArrayList<>();
        for (String operation : List.of("CreateUser", "CreateGroup")) {
            ic.creations(operation).forEach((name, n) -> {
                if (n > 1) {
                    duplicates.add(operation + " " + name + " x" + n);
                }
            });
        }
        return new Convergence(List.copyOf(mismatches), List.copyOf(duplicates));
    }

    /** Groups whose members in Identity Center differ from the IdP's (a group counts once). */
    long membershipMismatches() {
        return mismatches.stream().filter(m -> m.startsWith("group ") && m.contains(" members: ")).count();
    }

    /** The first few, for an assertion message. */
    String summary() {
        return "mismatches " + mismatches.size() + " " + mismatches.stream().limit(5).toList()
                + "; duplicates " + duplicates.size() + " " + duplicates.stream().limit(5).toList();
    }
}
