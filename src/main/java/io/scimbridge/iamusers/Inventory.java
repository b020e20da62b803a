package io.scimbridge.iamusers;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Every active account's IAM users, as read at {@code readAt}. */
public record Inventory(Instant readAt, List<AccountScan> accounts) {

    public Inventory {
        accounts = List.copyOf(accounts);
    }

    public List<IamUser> users() {
        return accounts.stream().flatMap(a -> a instanceof AccountScan.Scanned s ? s.users().stream() : Stream.empty()).toList();
    }

    public List<AccountScan.Unreachable> unreachable() {
        return accounts.stream().filter(AccountScan.Unreachable.class::isInstance)
                .map(AccountScan.Unreachable.class::cast).toList();
    }
}
