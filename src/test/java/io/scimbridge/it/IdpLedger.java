package io.scimbridge.it;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the simulated IdP last sent and had accepted by the bridge: the state Identity Center must
 * converge to once the queue is empty. Only accepted writes are entered, so a write that never got
 * an answer is not in it until its retry is accepted. Thread-safe; one resource is written by one
 * IdP worker at a time, so "last accepted" is well defined per resource.
 */
final class IdpLedger {

    /** A user as the IdP last sent it (names and email as Identity Center must show them). */
    record SentUser(String userName, String displayName, String givenName, String familyName, String email,
                    boolean active) {

        SentUser renamed(int version) {
            String local = userName.substring(0, userName.indexOf('@'));
            return new SentUser(userName, displayName + " v" + version, givenName, familyName + "v" + version,
                    local + ".v" + version + "@example.com", active);
        }

        SentUser deactivated() {
            return new SentUser(userName, displayName, givenName, familyName, email, false);
        }
    }

    private final Map<String, SentUser> users = new ConcurrentHashMap<>();
    private final Set<String> deletedUsers = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final Set<String> deletedGroups = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    void userSent(SentUser user) {
        users.put(key(user.userName()), user);
        accepted.incrementAndGet();
    }

    void userDeleted(String userName) {
        users.remove(key(userName));
        deletedUsers.add(key(userName));
        accepted.incrementAndGet();
    }

    void groupCreated(String displayName) {
        members.putIfAbsent(displayName, ConcurrentHashMap.newKeySet());
        accepted.incrementAndGet();
    }

    void membersAdded(String displayName, Iterable<String> userNames) {
        userNames.forEach(u -> members.get(displayName).add(key(u)));
        accepted.incrementAndGet();
    }

    void membersRemoved(String displayName, Iterable<String> userNames) {
        userNames.forEach(u -> members.get(displayName).remove(key(u)));
        accepted.incrementAndGet();
    }

    void groupDeleted(String displayName) {
        members.remove(displayName);
        deletedGroups.add(displayName);
        accepted.incrementAndGet();
    }

    /** IdP writes the bridge accepted (a retried write counts once). */
    int accepted() {
        return accepted.get();
    }

    /** Live users by lower-cased userName. */
    Map<String, SentUser> users() {
        return new TreeMap<>(users);
    }

    Set<String> deletedUsers() {
        return new TreeSet<>(deletedUsers);
    }

    /**
     * Live groups and the lower-cased userNames of their members. A deleted user is no member
     * anywhere: deleting a user removes it from its groups, in the bridge as in Identity Center.
     */
    Map<String, Set<String>> groups() {
        Map<String, Set<String>> live = new TreeMap<>();
        members.forEach((group, userNames) -> {
            Set<String> present = new TreeSet<>(userNames);
            present.removeAll(deletedUsers);
            live.put(group, present);
        });
        return live;
    }

    Set<String> deletedGroups() {
        return new TreeSet<>(deletedGroups);
    }

    static String key(String userName) {
        return userName.toLowerCase(java.util.Locale.ROOT);
    }
}
