package io.scimbridge.iamusers;

import java.util.List;

/** What the inventory found in one active account: its IAM users, or why they could not be read. */
public sealed interface AccountScan {

    String accountId();

    String accountName();

    record Scanned(String accountId, String accountName, List<IamUser> users) implements AccountScan {
        public Scanned {
            users = List.copyOf(users);
        }
    }

    /** The role could not be assumed, or IAM refused or failed: reported, never fatal to the others. */
    record Unreachable(String accountId, String accountName, String reason) implements AccountScan {
    }
}
