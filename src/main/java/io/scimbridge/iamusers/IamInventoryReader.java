package io.scimbridge.iamusers;

import io.scimbridge.assignments.AccountStatus;
import io.scimbridge.aws.AwsClients;
import io.scimbridge.assignments.Organization;
import io.scimbridge.assignments.OrganizationReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The inventory: every ACTIVE account of the organisation (Organizations, as the assignment
 * planner reads it), one after the other, each through its own assumed session. An account whose
 * role cannot be assumed, or whose IAM refuses or fails, is an {@link AccountScan.Unreachable} row;
 * the other accounts are read all the same.
 */
@ApplicationScoped
public class IamInventoryReader {

    private static final Logger LOG = Logger.getLogger(IamInventoryReader.class);

    private final AwsClients aws;
    private final IamSessions sessions;
    private final IamUsersConfig config;
    private final IamUsersClock clock;

    public IamInventoryReader(AwsClients aws, IamSessions sessions, IamUsersConfig config, IamUsersClock clock) {
        this.aws = aws;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /** @throws SdkException when Organizations itself cannot be read (nothing to inventory then) */
    public Inventory read() {
        Organization organization = new OrganizationReader(aws.organizations()).read(false);
        IamAccountReader reader = new IamAccountReader(config.reportPollInterval(), config.reportPollAttempts());
        List<AccountScan> scans = new ArrayList<>();
        for (Organization.Account account : organization.accounts().stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE).sorted(Comparator.comparing(Organization.Account::id)).toList()) {
            scans.add(scan(reader, account));
        }
        return new Inventory(clock.instant(), scans);
    }

    private AccountScan scan(IamAccountReader reader, Organization.Account account) {
        try (IamClient iam = sessions.open(account.id())) {
            return new AccountScan.Scanned(account.id(), account.name(), reader.read(iam, account.id(), account.name()));
        } catch (IamSessions.RoleNotAssumable | IamAccountReader.ReportNotReady | SdkException e) {
            LOG.warnf("IAM users of account %s (%s) not read: %s", account.id(), account.name(), e.getMessage());
            return new AccountScan.Unreachable(account.id(), account.name(), e.getMessage());
        }
    }
}
