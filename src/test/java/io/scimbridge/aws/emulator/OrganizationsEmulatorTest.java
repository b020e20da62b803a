package io.scimbridge.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.ParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.Tag;
import software.amazon.awssdk.services.organizations.model.TooManyRequestsException;

/** The Organizations emulator through the real {@code OrganizationsClient}: tree walk, tags, paging, errors. */
@ExtendWith(Emulators.class)
class OrganizationsEmulatorTest {

    private final OrganizationsEmulator emulator;
    private OrganizationsClient client;
    private String workloads;
    private String prod;

    OrganizationsEmulatorTest(OrganizationsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void seedTree() {
        client = SdkClients.organizations(emulator.url());
        OrganizationTree tree = emulator.tree();
        workloads = tree.seedOrganizationalUnit(tree.rootId(), "workloads");
        prod = tree.seedOrganizationalUnit(workloads, "prod");
        tree.seedAccount("111111111111", "prod-a", prod, OrganizationTree.AccountState.ACTIVE, Map.of("env", "prod", "team", "a"));
        tree.seedAccount("222222222222", "prod-b", prod, OrganizationTree.AccountState.ACTIVE, Map.of("env", "prod"));
        tree.seedAccount("333333333333", "old", workloads, OrganizationTree.AccountState.SUSPENDED, Map.of());
        tree.seedAccount("444444444444", "sandbox", tree.rootId());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void describeOrganizationNamesTheManagementAccount() {
        var org = client.describeOrganization().organization();
        assertEquals(OrganizationsEmulator.DEFAULT_MANAGEMENT_ACCOUNT, org.masterAccountId());
        assertEquals(emulator.tree().organizationId(), org.id());
    }

    @Test
    void listAccountsPaginatesOverEveryAccount() {
        List<Account> all = client.listAccountsPaginator(r -> r.maxResults(2)).stream()
                .flatMap(page -> page.accounts().stream()).toList();
        assertEquals(5, all.size());
        assertEquals(3, emulator.requestLog().count("ListAccounts"), "5 accounts in pages of 2");
        Account old = all.stream().filter(a -> a.id().equals("333333333333")).findFirst().orElseThrow();
        assertEquals(AccountStatus.SUSPENDED, old.status());
        assertEquals(AccountState.SUSPENDED, old.state());
        assertNotNull(old.joinedTimestamp());
    }

    @Test
    void walkingTheTreeFromTheRootFindsEveryAccountWithItsPath() {
        String root = client.listRoots().roots().get(0).id();
        assertEquals(emulator.rootId(), root);

        List<OrganizationalUnit> underRoot = client.listOrganizationalUnitsForParentPaginator(r -> r.parentId(root))
                .stream().flatMap(page -> page.organizationalUnits().stream()).toList();
        assertEquals(List.of("workloads"), underRoot.stream().map(OrganizationalUnit::name).toList());
        List<String> underProd = client.listAccountsForParentPaginator(r -> r.parentId(prod).maxResults(1))
                .stream().flatMap(page -> page.accounts().stream()).map(Account::id).toList();
        assertEquals(List.of("111111111111", "222222222222"), underProd);
        Set<String> inRoot = client.listAccountsForParent(r -> r.parentId(root)).accounts().stream()
                .map(Account::id).collect(Collectors.toSet());
        assertEquals(Set.of(OrganizationsEmulator.DEFAULT_MANAGEMENT_ACCOUNT, "444444444444"), inRoot);

        assertThrows(ParentNotFoundException.class,
                () -> client.listAccountsForParent(r -> r.parentId("ou-zzzz-zzzzzzzz")));
        assertThrows(InvalidInputException.class,
                () -> client.listOrganizationalUnitsForParent(r -> r.parentId(root).maxResults(21)));
    }

    @Test
    void tagsArePaginatedAndDescribeAccountFindsOne() {
        emulator.defaultPageSize(1);
        Map<String, String> tags = client.listTagsForResourcePaginator(r -> r.resourceId("111111111111")).stream()
                .flatMap(page -> page.tags().stream())
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Map.of("env", "prod", "team", "a"), tags);
        assertEquals(2, emulator.requestLog().count("ListTagsForResource"));

        assertEquals("sandbox", client.describeAccount(r -> r.accountId("444444444444")).account().name());
        assertThrows(AccountNotFoundException.class, () -> client.describeAccount(r -> r.accountId("555555555555")));
    }

    @Test
    void throttlingAnswersTooManyRequestsWhichTheSdkRetries() {
        emulator.faults().throttleNext(1, Duration.ZERO);
        assertEquals(1, client.listRoots().roots().size());
        assertEquals(List.of(400, 200), emulator.requestLog().entries("ListRoots").stream().map(e -> e.status()).toList());

        emulator.faults().throttleNext(1, Duration.ZERO);
        try (OrganizationsClient once = SdkClients.organizationsWithoutRetries(emulator.url())) {
            TooManyRequestsException e = assertThrows(TooManyRequestsException.class, once::listRoots);
            assertTrue(e.isThrottlingException());
        }
    }
}
