package io.scimbridge.iamusers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides each IAM user's next stage. Retired by default: {@code person-left} (at once) and
 * {@code person-migrated} (after {@code retire.after} without any use of password or keys). Any
 * other class only when {@code named} ({@code ACCOUNT/NAME}). Stage 2 follows stage 1 after
 * {@code retire.quietPeriod} with no use since stage 1; a key made Active again or a password set
 * again since stage 1 also stops it (somebody still needs the user). Pure: no AWS, no store.
 */
final class RetirementPlanner {

    private static final Set<IamUserClass> RETIRED_BY_DEFAULT = EnumSet.of(IamUserClass.PERSON_LEFT,
            IamUserClass.PERSON_MIGRATED);

    private final IamUsersRules rules;
    private final Instant now;

    RetirementPlanner(IamUsersRules rules, Instant now) {
        this.rules = rules;
        this.now = now;
    }

    /** @param retirements stage-1 records by {@link IamUser#ref()} */
    List<Step> plan(List<ClassifiedUser> users, Map<String, Retirement> retirements, Set<String> named) {
        List<Step> steps = new ArrayList<>();
        for (ClassifiedUser c : users) {
            boolean isNamed = named.contains(c.user().ref());
            if (!isNamed && !RETIRED_BY_DEFAULT.contains(c.kind())) {
                continue;
            }
            Retirement stageOne = retirements.get(c.user().ref());
            steps.add(stageOne == null || stageOne.deletedAt().isPresent() ? stageOne(c, isNamed) : stageTwo(c, stageOne));
        }
        return steps;
    }

    private Step stageOne(ClassifiedUser c, boolean named) {
        IamUser user = c.user();
        String why = switch (c.kind()) {
            case PERSON_LEFT -> "the person left the IdP";
            case PERSON_MIGRATED -> null;
            default -> "named on the command";
        };
        if (why == null) {
            Instant lastUse = user.lastUsed().orElse(user.created());
            Duration unused = Duration.between(lastUse, now);
            if (unused.compareTo(rules.retireAfter()) < 0 && !named) {
                return new Step.Wait(c, (user.lastUsed().isPresent() ? "used " : "created ") + days(unused)
                        + " ago; disabled after " + days(rules.retireAfter()) + " without use (on "
                        + lastUse.plus(rules.retireAfter()) + ")");
            }
            why = "the person has an Identity Center user; " + (user.lastUsed().isPresent() ? "unused for " : "never used, created ")
                    + days(unused) + (user.lastUsed().isPresent() ? "" : " ago");
        }
        List<String> keys = user.activeKeyIds();
        String what = (keys.isEmpty() ? "" : keys.size() + " key(s) to Inactive")
                + (user.password() ? (keys.isEmpty() ? "" : ", ") + "console password deleted" : "");
        return new Step.Disable(c, keys, user.password(), why + (what.isEmpty() ? " (nothing usable: starts the quiet period)"
                : " (" + what + ")"));
    }

    private Step stageTwo(ClassifiedUser c, Retirement stageOne) {
        IamUser user = c.user();
        List<String> activeAgain = user.activeKeyIds();
        if (!activeAgain.isEmpty() || user.password()) {
            return new Step.Wait(c, "stopped: " + (activeAgain.isEmpty() ? "" : "key(s) " + String.join(", ", activeAgain)
                    + " Active again") + (user.password() ? (activeAgain.isEmpty() ? "" : " and ") + "a console password set again"
                    : "") + " since stage 1 on " + stageOne.disabledAt() + " (restore it, or disable it again by hand)");
        }
        Optional<Instant> lastUse = user.lastUsed();
        if (lastUse.isPresent() && lastUse.get().isAfter(stageOne.disabledAt())) {
            return new Step.Wait(c, "stopped: used on " + lastUse.get() + ", after stage 1 on " + stageOne.disabledAt());
        }
        Instant deletable = stageOne.disabledAt().plus(rules.quietPeriod());
        if (now.isBefore(deletable)) {
            return new Step.Wait(c, "disabled on " + stageOne.disabledAt() + "; deleted after the quiet period, on " + deletable);
        }
        return new Step.Delete(c, stageOne, "disabled on " + stageOne.disabledAt() + ", unused for the quiet period of "
                + days(rules.quietPeriod()));
    }

    private static String days(Duration d) {
        long days = d.toDays();
        return days >= 1 ? days + " day" + (days == 1 ? "" : "s") : d.toHours() + " h";
    }
}
