package io.scimbridge.iamusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scimbridge.scim.ScimException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The two things that stop a retirement before any AWS call: mode report refuses apply, and the
 * {@link RetirementGuard} (where the safety rails plug in) refuses a step. Nothing else is touched,
 * so the collaborators that would call AWS or the store are absent.
 */
class RetirementSafetyTest {

    @Test
    void modeReportRefusesApplyBeforeReadingAnything() {
        IamUserRetirement retirement = new IamUserRetirement(null, null, null, config(IamUsersConfig.Mode.REPORT), null);
        ScimException refused = assertThrows(ScimException.class, () -> retirement.apply(Set.of()));
        assertEquals(403, refused.status());
    }

    @Test
    void theGuardIsAskedBeforeEachDestructiveStepAndItsNoStopsIt() {
        ClassifiedUser leaver = new ClassifiedUser(new IamUser("111122223333", "prod", "bob", "arn:aws:iam::111122223333:user/bob",
                Instant.EPOCH, Map.of(), true, Optional.empty(), 0, List.of(), List.of(), List.of(), List.of()),
                IamUserClass.PERSON_LEFT, Optional.empty(), Optional.empty());
        RetirementPlan plan = new RetirementPlan(Instant.EPOCH, List.of(
                new Step.Disable(leaver, List.of(), true, "the person left the IdP"),
                new Step.Wait(leaver, "not counted")), List.of());
        RetirementExecutor executor = new RetirementExecutor(null, null, null,
                (step, whole) -> Optional.of("protected principal (" + whole.actions().size() + " action in the plan)"), null);

        assertEquals(List.of(new StepOutcome("111122223333/bob", "disable", "refused", "protected principal (1 action in the plan)")),
                executor.apply(plan));
    }

    private static IamUsersConfig config(IamUsersConfig.Mode mode) {
        return (IamUsersConfig) Proxy.newProxyInstance(IamUsersConfig.class.getClassLoader(), new Class<?>[] {IamUsersConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "mode" -> mode;
                    case "roleName" -> Optional.of("scim-bridge-iam-users");
                    case "refreshInterval", "reportPollInterval" -> Duration.ofSeconds(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
