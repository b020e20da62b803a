package io.scimbridge.iamusers;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * People by userName and primary email, case-insensitively. A person in the store wins over a
 * departed one of the same name (they came back).
 */
public final class PersonDirectory {

    private final Map<String, Person> byKey = new HashMap<>();

    /** @param people store people first, then departed ones */
    public PersonDirectory(List<Person> people) {
        for (Person p : people) {
            byKey.putIfAbsent(key(p.userName()), p);
            p.email().ifPresent(e -> byKey.putIfAbsent(key(e), p));
        }
    }

    public Optional<Person> find(String userNameOrEmail) {
        return userNameOrEmail == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(userNameOrEmail)));
    }

    private static String key(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
