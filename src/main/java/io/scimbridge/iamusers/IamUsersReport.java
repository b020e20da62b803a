package io.scimbridge.iamusers;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classified IAM users of the latest inventory, person-left first, and the accounts that could
 * not be read. {@code problem} says why there is no inventory at all (feature off, Organizations
 * unreadable; an invalid iamUsers section never gets this far: it refuses the whole rules file).
 */
public record IamUsersReport(Optional<Instant> readAt, List<ClassifiedUser> users,
                             List<AccountScan.Unreachable> unreachable, Optional<String> problem) {

    /** Rows in class order (person-left first), then account, then name. */
    public static final Comparator<ClassifiedUser> ORDER = Comparator.comparing(ClassifiedUser::kind)
            .thenComparing(c -> c.user().accountId()).thenComparing(c -> c.user().userName());

    public IamUsersReport {
        users = users.stream().sorted(ORDER).toList();
        unreachable = List.copyOf(unreachable);
    }

    static IamUsersReport unavailable(String problem) {
        return new IamUsersReport(Optional.empty(), List.of(), List.of(), Optional.of(problem));
    }

    public Map<IamUserClass, Long> counts() {
        Map<IamUserClass, Long> counts = new EnumMap<>(IamUserClass.class);
        for (IamUserClass kind : IamUserClass.values()) {
            counts.put(kind, users.stream().filter(u -> u.kind() == kind).count());
        }
        return counts;
    }
}
