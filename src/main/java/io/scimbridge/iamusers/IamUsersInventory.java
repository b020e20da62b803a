package io.scimbridge.iamusers;

import io.quarkus.scheduler.Scheduled;
import io.scimbridge.rules.RulesHolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The classified IAM users: read from AWS on demand and every {@code bridge.iam-users.refresh-interval}
 * (default 6h; AWS reuses a credential report for four hours anyway), kept for the report, the
 * status page and the metrics, which never call AWS themselves.
 */
@ApplicationScoped
public class IamUsersInventory {

    private static final Logger LOG = Logger.getLogger(IamUsersInventory.class);

    private final IamInventoryReader reader;
    private final People people;
    private final RulesHolder rules;
    private final IamUsersConfig config;
    private final IamUsersMetrics metrics;
    private final AtomicReference<IamUsersReport> last = new AtomicReference<>();

    public IamUsersInventory(IamInventoryReader reader, People people, RulesHolder rules, IamUsersConfig config,
                             IamUsersMetrics metrics) {
        this.reader = reader;
        this.people = people;
        this.rules = rules;
        this.config = config;
        this.metrics = metrics;
    }

    public boolean enabled() {
        return config.roleName().isPresent();
    }

    /**
     * The iamUsers section of the rules in force: an invalid section refuses the whole file, so
     * what is in force is always valid (absent: the defaults).
     */
    public IamUsersRules rules() {
        return rules.rules().section(IamUsersSection.class).orElse(IamUsersRules.DEFAULTS);
    }

    /** The latest report, reading one first if there is none yet. */
    public IamUsersReport current() {
        IamUsersReport report = last.get();
        return report != null ? report : refresh();
    }

    public Optional<IamUsersReport> last() {
        return Optional.ofNullable(last.get());
    }

    /** Reads every account now. */
    public synchronized IamUsersReport refresh() {
        IamUsersReport report = read();
        last.set(report);
        metrics.update(report.users());
        return report;
    }

    private IamUsersReport read() {
        if (!enabled()) {
            return IamUsersReport.unavailable("off: set bridge.iam-users.role-name to the role deployed in the member"
                    + " accounts (docs/retire-iam-users.md)");
        }
        Inventory inventory;
        try {
            inventory = reader.read();
        } catch (SdkException e) {
            LOG.warnf("IAM users not inventoried: Organizations cannot be read: %s", e.getMessage());
            return IamUsersReport.unavailable("Organizations cannot be read: " + e.getMessage());
        }
        Classifier classifier = new Classifier(people.directory(), rules());
        return new IamUsersReport(Optional.of(inventory.readAt()), classifier.classify(inventory.users()),
                inventory.unreachable(), Optional.empty());
    }

    @Scheduled(every = "${bridge.iam-users.refresh-interval:6h}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        if (!enabled()) {
            return;
        }
        try {
            IamUsersReport report = refresh();
            LOG.infof("IAM users inventoried: %s; %d account(s) unreachable", report.counts(), report.unreachable().size());
        } catch (RuntimeException e) {
            LOG.warnf("IAM user inventory failed, will try again: %s", e.toString());
        }
    }
}
