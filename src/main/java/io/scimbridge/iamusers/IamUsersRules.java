package io.scimbridge.iamusers;

import io.scimbridge.rules.Template;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code iamUsers} section of the rules file: extra ways to link an IAM user to a person
 * ({@code match}), the IAM users never retired unless named ({@code keep}), and the retirement
 * delays ({@code retire.after}, {@code retire.quietPeriod}).
 */
public record IamUsersRules(List<MatchRule> match, Set<String> keep, Duration retireAfter, Duration quietPeriod) {

    public static final Duration DEFAULT_RETIRE_AFTER = Duration.ofDays(14);
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofDays(30);
    public static final IamUsersRules DEFAULTS = new IamUsersRules(List.of(), Set.of(), DEFAULT_RETIRE_AFTER,
            DEFAULT_QUIET_PERIOD);

    public IamUsersRules {
        match = List.copyOf(match);
        keep = Set.copyOf(keep);
    }

    /** One extra way to name the person behind an IAM user: the name it yields is a userName or an email. */
    public sealed interface MatchRule {

        Optional<String> personOf(IamUser user);

        /** The whole IAM user name matches {@code pattern}; {@code person} with {@code ${group}} filled in. */
        record NamePattern(Pattern pattern, Template person) implements MatchRule {
            @Override
            public Optional<String> personOf(IamUser user) {
                Matcher m = pattern.matcher(user.userName());
                return m.matches() ? Optional.of(person.expand(m)) : Optional.empty();
            }
        }

        /** The value of this IAM tag names the person (e.g. {@code owner}). */
        record TagValue(String key) implements MatchRule {
            @Override
            public Optional<String> personOf(IamUser user) {
                return user.tags().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                        .map(e -> e.getValue().strip()).filter(v -> !v.isEmpty()).findFirst();
            }
        }
    }

    /** Listed in {@code keep}: by name in any account, or as {@code ACCOUNT/name}. */
    public boolean kept(IamUser user) {
        return keep.contains(user.userName().toLowerCase(Locale.ROOT)) || keep.contains(user.ref().toLowerCase(Locale.ROOT));
    }
}
