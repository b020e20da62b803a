package io.scimbridge.testing.scenario;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.aws.emulator.InjectAwsEmulators;
import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import io.scimbridge.identitycenter.emulator.StoredUser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every forwarder scenario shares: the emulated Identity Center, the bridge's own state,
 * a clean start for each test, and "Identity Center converged to the bridge" as one assertion.
 */
public abstract class ForwarderScenario {

    @InjectAwsEmulators
    protected AwsEmulators aws;

    @InjectAwsEmulators
    protected IdentityCenterScimEmulator identityCenter;

    @Inject
    protected BridgeInspector bridge;

    @Inject
    protected CleanSlate cleanSlate;

    @BeforeEach
    protected void startFromNothing() {
        cleanSlate.start(aws);
    }

    /** Waits for delivery with a deadline; never sleeps for luck. */
    protected static ConditionFactory eventually() {
        return eventually(Duration.ofSeconds(60));
    }

    protected static ConditionFactory eventually(Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(100));
    }

    /**
     * Identity Center holds exactly the bridge's desired state: the same users with the same
     * attributes (translated to its dialect), the same groups with the same members, nothing more,
     * and no dirty mark is left.
     */
    protected void awaitIdentityCenterMirrorsBridge() {
        awaitIdentityCenterMirrorsBridge(Duration.ofSeconds(60));
    }

    protected void awaitIdentityCenterMirrorsBridge(Duration atMost) {
        eventually(atMost).untilAsserted(() -> {
            assertEquals(bridge.expectedGroups(), groupsInIdentityCenter(), "groups and members in Identity Center");
            assertEquals(bridge.expectedUsers(this::icIdOfUserName), usersInIdentityCenter(), "users in Identity Center");
            assertEquals(0, bridge.queue().depth(), "dirty marks left");
        });
    }

    protected Map<String, ObjectNode> usersInIdentityCenter() {
        return identityCenter.users().stream().collect(Collectors.toMap(u -> u.userName().toLowerCase(Locale.ROOT),
                StoredUser::attributes, (a, b) -> {
                    throw new AssertionError("two Identity Center users with one userName: " + a + " " + b);
                }, TreeMap::new));
    }

    protected Map<String, Set<String>> groupsInIdentityCenter() {
        Map<String, Set<String>> out = new TreeMap<>();
        identityCenter.groups().forEach(g -> out.put(g.displayName(), identityCenter.members(g.id()).stream()
                .map(id -> identityCenter.user(id).map(StoredUser::userName).orElse("?" + id).toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new))));
        return out;
    }

    protected Optional<String> icIdOfUserName(String userName) {
        return identityCenter.userByUserName(userName).map(StoredUser::id);
    }

    protected StoredUser icUser(String userName) {
        return identityCenter.userByUserName(userName)
                .orElseThrow(() -> new AssertionError("no user " + userName + " in Identity Center"));
    }

    /** Requests Identity Center refused or left unanswered, for "nothing went wrong" checks. */
    protected List<RecordedRequest> refusedRequests() {
        return identityCenter.requestLog().entries().stream()
                .filter(r -> r.status() >= 400 || r.status() == RecordedRequest.DROPPED).toList();
    }

    /** How many requests Identity Center saw for each operation with each status, e.g. "CreateUser 409". */
    protected Map<String, Long> requestsByOperationAndStatus() {
        return identityCenter.requestLog().entries().stream()
                .collect(Collectors.groupingBy(r -> r.operation() + " " + r.status(), TreeMap::new, Collectors.counting()));
    }
}
