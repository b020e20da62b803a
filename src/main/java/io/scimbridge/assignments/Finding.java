package io.scimbridge.assignments;

/**
 * Something the plan reports besides creates and deletes: what a rule refers to but cannot be
 * found, what it targets but must skip, what deserves a second look.
 */
public sealed interface Finding {

    enum Severity {
        /** The rule cannot do what it says (unknown permission set, account, OU). */
        ERROR,
        /** It does it, but look again (management account, nothing targeted). */
        WARNING,
        /** For the record (suspended account skipped, group not in Identity Center yet). */
        INFO
    }

    String rule();

    Severity severity();

    String message();

    record UnknownPermissionSet(String rule, String permissionSet) implements Finding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String message() {
            return "permission set '" + permissionSet + "' does not exist in the Identity Center instance";
        }
    }

    record UnknownAccount(String rule, String accountId) implements Finding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String message() {
            return "account " + accountId + " is not in the organisation";
        }
    }

    /** A templated account that did not expand to a 12-digit id. */
    record InvalidAccount(String rule, String group, String value) implements Finding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String message() {
            return "group '" + group + "' gives account '" + value + "', which is not a 12-digit account id";
        }
    }

    record UnknownOrganizationalUnit(String rule, String unitId) implements Finding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String message() {
            return "organizational unit " + unitId + " is not in the organisation";
        }
    }

    /** The organisation could not be read: OU and tag selectors were not resolved. */
    record OrganizationUnavailable(String rule, String reason) implements Finding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String message() {
            return "the organisation could not be read (" + reason + "): organizationalUnits and accountTags not resolved";
        }
    }

    record AccountSkipped(String rule, String accountId, AccountStatus status) implements Finding {
        public Severity severity() {
            return Severity.INFO;
        }

        public String message() {
            return "account " + accountId + " is " + status + ": skipped";
        }
    }

    record ManagementAccount(String rule, String accountId) implements Finding {
        public Severity severity() {
            return Severity.WARNING;
        }

        public String message() {
            return "account " + accountId + " is the organisation's management account: access there is high-risk";
        }
    }

    /** An exact group name that no Identity Center group has (not synced yet, or a typo). */
    record UnknownGroup(String rule, String group) implements Finding {
        public Severity severity() {
            return Severity.INFO;
        }

        public String message() {
            return "group '" + group + "' is not in Identity Center";
        }
    }

    record NoTargets(String rule) implements Finding {
        public Severity severity() {
            return Severity.WARNING;
        }

        public String message() {
            return "the rule targets no ACTIVE account";
        }
    }
}
