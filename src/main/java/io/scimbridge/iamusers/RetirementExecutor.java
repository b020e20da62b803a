package io.scimbridge.iamusers;

import io.scimbridge.audit.BridgeActions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * Carries out the disable and delete steps of a plan, one user after the other, each after the
 * {@link RetirementGuard} let it through; a delete only after a live check that no key was used
 * since stage 1 (the credential report the plan used may be up to four hours old). A failing step
 * fails alone. Stage 1 is recorded in the store before anything else can happen to the user.
 */
@ApplicationScoped
public class RetirementExecutor {

    private static final Logger LOG = Logger.getLogger(RetirementExecutor.class);

    private final IamSessions sessions;
    private final RetirementStore store;
    private final BridgeActions audit;
    private final RetirementGuard guard;
    private final IamUsersClock clock;

    public RetirementExecutor(IamSessions sessions, RetirementStore store, BridgeActions audit, RetirementGuard guard,
                              IamUsersClock clock) {
        this.sessions = sessions;
        this.store = store;
        this.audit = audit;
        this.guard = guard;
        this.clock = clock;
    }

    public List<StepOutcome> apply(RetirementPlan plan) {
        List<StepOutcome> outcomes = new ArrayList<>();
        for (Step step : plan.actions()) {
            String ref = step.target().user().ref();
            Optional<String> refused = guard.refuse(step, plan);
            if (refused.isPresent()) {
                outcomes.add(StepOutcome.refused(ref, step.action(), refused.get()));
                continue;
            }
            try (IamClient iam = sessions.open(step.target().user().accountId())) {
                outcomes.add(switch (step) {
                    case Step.Disable d -> disable(iam, d);
                    case Step.Delete d -> delete(iam, d);
                    case Step.Wait w -> throw new IllegalStateException("a wait is not carried out");
                });
            } catch (IamSessions.RoleNotAssumable | SdkException e) {
                LOG.warnf("IAM user %s: %s failed: %s", ref, step.action(), e.getMessage());
                outcomes.add(StepOutcome.failed(ref, step.action(), e.getMessage()));
            }
        }
        return outcomes;
    }

    private StepOutcome disable(IamClient iam, Step.Disable step) {
        IamUser user = step.target().user();
        IamUserActions actions = new IamUserActions(iam, audit, user.accountId(), user.userName());
        Instant now = clock.instant();
        // recorded first: a crash half-way still leaves what restore needs
        store.disabled(new Retirement(user.accountId(), user.userName(), now, step.keys(), step.deletePassword(),
                Optional.empty()));
        List<String> keys = actions.disable(step.keys(), step.deletePassword());
        return StepOutcome.done(user.ref(), "disable", keys.size() + " key(s) made Inactive"
                + (step.deletePassword() ? ", console password deleted" : ""));
    }

    private StepOutcome delete(IamClient iam, Step.Delete step) {
        IamUser user = step.target().user();
        Instant disabledAt = step.stageOne().disabledAt();
        for (AccessKeyMetadata key : iam.listAccessKeysPaginator(r -> r.userName(user.userName())).accessKeyMetadata()) {
            Instant lastUsed = iam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())).accessKeyLastUsed().lastUsedDate();
            if (lastUsed != null && lastUsed.isAfter(disabledAt)) {
                return StepOutcome.refused(user.ref(), "delete", "access key " + key.accessKeyId() + " was used on "
                        + lastUsed + ", after stage 1 on " + disabledAt);
            }
        }
        new IamUserActions(iam, audit, user.accountId(), user.userName()).delete();
        store.deleted(user.accountId(), user.userName(), clock.instant());
        return StepOutcome.done(user.ref(), "delete", "IAM user deleted");
    }

    /** Undoes stage 1 of one user: its keys Active again, the record forgotten. */
    public StepOutcome restore(Retirement retirement) {
        try (IamClient iam = sessions.open(retirement.accountId())) {
            List<String> restored = new IamUserActions(iam, audit, retirement.accountId(), retirement.userName())
                    .restore(retirement.disabledKeys());
            store.forget(retirement.accountId(), retirement.userName());
            return StepOutcome.done(retirement.ref(), "restore", restored.size() + " key(s) Active again"
                    + (retirement.hadPassword() ? "; the console password was deleted and cannot be restored: set a new one" : ""));
        } catch (IamSessions.RoleNotAssumable | SdkException e) {
            return StepOutcome.failed(retirement.ref(), "restore", e.getMessage());
        }
    }
}
