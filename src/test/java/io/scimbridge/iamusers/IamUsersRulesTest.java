package io.scimbridge.iamusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.rules.InvalidRulesException;
import io.scimbridge.rules.RulesError;
import io.scimbridge.rules.RulesParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The iamUsers section, the link from an IAM user to a person, and the stages, without AWS. */
class IamUsersRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aFullSectionIsReadWithItsDurations() {
        IamUsersRules rules = valid("""
                iamUsers:
                  match:
                    - iamUser: '(?<first>[a-z]+)\\.(?<last>[a-z]+)-admin'
                      person: '${first}.${last}@example.com'
                    - tag: owner
                  keep: [break-glass, 111122223333/Legacy-CI]
                  retire:
                    after: 36h
                    quietPeriod: P45D
                """);
        assertEquals(2, rules.match().size());
        assertEquals(Set.of("break-glass", "111122223333/legacy-ci"), rules.keep());
        assertEquals(Duration.ofHours(36), rules.retireAfter());
        assertEquals(Duration.ofDays(45), rules.quietPeriod());
        assertEquals(Optional.of("jane.doe@example.com"), rules.match().get(0).personOf(user("jane.doe-admin", Map.of())));
        assertEquals(Optional.of("jd"), rules.match().get(1).personOf(user("svc", Map.of("Owner", "jd"))));
    }

    @Test
    void rulesCheckRefusesAWrongSectionWithEveryErrorAndItsLine() {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RulesParser.parse("""
                iamUsers:
                  match:
                    - iamUser: '(?<name>[a-z]+'
                      person: '${name}'
                    - iamUser: '(?<name>[a-z]+)-x'
                      person: '${other}@example.com'
                  keep: [ok, 'not a name']
                  retire:
                    after: two weeks
                  forget: true
                """));
        assertEquals(List.of("iamUsers.match[1].iamUser", "iamUsers.match[2].person", "iamUsers.keep[2]",
                "iamUsers.retire.after", "iamUsers.forget"), e.errors().stream().map(RulesError::key).toList());
        assertEquals(List.of(3, 6, 7, 9, 10), e.errors().stream().map(RulesError::line).toList());
        // the wording of every rules section: expected <what>, found <what the file says>
        assertEquals("expected an IAM user name (1-64 of letters, digits, _+=,.@-), optionally after ACCOUNT/, "
                + "found 'not a name'", e.errors().get(2).message());
        assertEquals("expected a duration such as 14d, 36h, 90m or ISO 8601 P14D, found 'two weeks'",
                e.errors().get(3).message());
    }

    @Test
    void aValueOfTheWrongShapeIsNamedWithWhatWasFound() {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RulesParser.parse("""
                iamUsers:
                  match: everyone
                  keep: [ok, [nested]]
                  retire: 14d
                """));
        assertEquals(List.of(
                        "line 2: iamUsers.match: expected a list of {iamUser, person} or {tag} rules, found 'everyone'",
                        "line 3: iamUsers.keep[2]: expected a non-empty text, found a list",
                        "line 4: iamUsers.retire: expected a mapping with after, quietPeriod, found '14d'"),
                e.errors().stream().map(RulesError::toString).toList());
    }

    @Test
    void aPersonTemplateIsReadByTheRulesTemplateEngineAndAMisspeltKeyGetsASuggestion() {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RulesParser.parse("""
                iamUsers:
                  match:
                    - iamUser: '(?<name>[a-z]+)-admin'
                      person: '${name@example.com'
                  retrie:
                    after: 36h
                """));
        assertEquals(List.of("iamUsers.match[1].person", "iamUsers.retrie"),
                e.errors().stream().map(RulesError::key).toList());
        assertTrue(e.errors().get(0).message().contains("is not closed"), e.errors().get(0).message());
        assertTrue(e.errors().get(1).message().endsWith("(did you mean 'retire'?)"), e.errors().get(1).message());
    }

    @Test
    void classesFollowTheLinkedPersonAndKeepComesFirst() {
        PersonDirectory people = new PersonDirectory(List.of(
                new Person("1", "alice@example.com", Optional.of("alice@example.com"), true, true, false),
                new Person("2", "bob", Optional.of("bob@example.com"), false, true, false),
                new Person("3", "erin", Optional.empty(), true, false, false),
                new Person("4", "carol", Optional.of("carol@example.com"), false, false, true)));
        Classifier classifier = new Classifier(people, valid("iamUsers: {keep: [alice]}"));

        assertEquals(IamUserClass.KEPT, classifier.classify(user("alice", Map.of())).kind());
        assertEquals(IamUserClass.PERSON_MIGRATED, classifier.classify(user("a", Map.of("email", "ALICE@example.com"))).kind());
        assertEquals(IamUserClass.PERSON_LEFT, classifier.classify(user("BOB", Map.of())).kind());
        assertEquals(IamUserClass.PERSON_LEFT, classifier.classify(user("c", Map.of("email", "carol@example.com"))).kind());
        assertEquals(IamUserClass.PERSON_NOT_MIGRATED, classifier.classify(user("erin", Map.of())).kind());
        assertEquals(IamUserClass.SERVICE, classifier.classify(user("ci", Map.of(), false, true)).kind());
        assertEquals(IamUserClass.UNLINKED_HUMAN, classifier.classify(user("dave", Map.of(), true, false)).kind());
    }

    @Test
    void aMigratedPersonIsDisabledOnlyAfterRetireAfterWithoutUse() {
        RetirementPlanner planner = new RetirementPlanner(IamUsersRules.DEFAULTS, NOW);
        ClassifiedUser recent = migrated(NOW.minus(Duration.ofDays(13)));
        ClassifiedUser stale = migrated(NOW.minus(Duration.ofDays(15)));

        assertInstanceOf(Step.Wait.class, planner.plan(List.of(recent), Map.of(), Set.of()).getFirst());
        Step.Disable disable = assertInstanceOf(Step.Disable.class, planner.plan(List.of(stale), Map.of(), Set.of()).getFirst());
        assertEquals(List.of("AKIA1"), disable.keys());
        assertTrue(disable.deletePassword());
    }

    @Test
    void stageTwoWaitsForTheQuietPeriodAndStopsOnAKeyActiveAgain() {
        Retirement stageOne = new Retirement("111122223333", "u", NOW.minus(Duration.ofDays(29)), List.of("AKIA1"), true,
                Optional.empty());
        ClassifiedUser disabled = new ClassifiedUser(user("u", Map.of(), false, false), IamUserClass.PERSON_LEFT,
                Optional.empty(), Optional.empty());
        ClassifiedUser activeAgain = new ClassifiedUser(user("u", Map.of(), false, true), IamUserClass.PERSON_LEFT,
                Optional.empty(), Optional.empty());
        Map<String, Retirement> records = Map.of(stageOne.ref(), stageOne);

        assertInstanceOf(Step.Wait.class, new RetirementPlanner(IamUsersRules.DEFAULTS, NOW)
                .plan(List.of(disabled), records, Set.of()).getFirst());
        RetirementPlanner later = new RetirementPlanner(IamUsersRules.DEFAULTS, NOW.plus(Duration.ofDays(2)));
        assertInstanceOf(Step.Delete.class, later.plan(List.of(disabled), records, Set.of()).getFirst());
        Step.Wait stopped = assertInstanceOf(Step.Wait.class, later.plan(List.of(activeAgain), records, Set.of()).getFirst());
        assertTrue(stopped.reason().startsWith("stopped: key(s) AKIA1 Active again"), stopped.reason());
    }

    @Test
    void serviceAndKeptUsersAreTouchedOnlyWhenNamed() {
        ClassifiedUser service = new ClassifiedUser(user("ci", Map.of()), IamUserClass.SERVICE, Optional.empty(), Optional.empty());
        RetirementPlanner planner = new RetirementPlanner(IamUsersRules.DEFAULTS, NOW);
        assertEquals(List.of(), planner.plan(List.of(service), Map.of(), Set.of()));
        assertInstanceOf(Step.Disable.class, planner.plan(List.of(service), Map.of(), Set.of("111122223333/ci")).getFirst());
    }

    private static ClassifiedUser migrated(Instant lastUsed) {
        IamUser user = new IamUser("111122223333", "prod", "alice", "arn:aws:iam::111122223333:user/alice",
                NOW.minus(Duration.ofDays(400)), Map.of(), true, Optional.of(lastUsed), 0,
                List.of(new AccessKey("AKIA1", true, NOW.minus(Duration.ofDays(400)), Optional.empty())), List.of(), List.of(),
                List.of());
        return new ClassifiedUser(user, IamUserClass.PERSON_MIGRATED, Optional.empty(), Optional.empty());
    }

    private static IamUser user(String name, Map<String, String> tags) {
        return user(name, tags, true, true);
    }

    private static IamUser user(String name, Map<String, String> tags, boolean password, boolean keyActive) {
        return new IamUser("111122223333", "prod", name, "arn:aws:iam::111122223333:user/" + name,
                NOW.minus(Duration.ofDays(100)), tags, password, Optional.empty(), 0,
                List.of(new AccessKey("AKIA1", keyActive, NOW.minus(Duration.ofDays(100)), Optional.empty())), List.of(),
                List.of(), List.of());
    }

    private static IamUsersRules valid(String yaml) {
        return RulesParser.parse(yaml).section(IamUsersSection.class).orElseThrow();
    }
}
