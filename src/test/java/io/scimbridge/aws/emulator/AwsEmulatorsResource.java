package io.scimbridge.aws.emulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.identitycenter.emulator.LaunchOptions;
import java.util.Map;

/**
 * Starts both emulators for a {@code @QuarkusTest} and points the bridge at them:
 * <pre>
 * &#64;QuarkusTestResource(AwsEmulatorsResource.class)   // or on a shared test profile
 * class SomeTest {
 *     &#64;InjectAwsEmulators IdentityCenterScimEmulator identityCenter;
 *     &#64;InjectAwsEmulators IdentityStoreEmulator identityStore;
 * }
 * </pre>
 * Sets {@value AwsEmulators#SCIM_URL}, {@value AwsEmulators#SCIM_TOKEN},
 * {@value AwsEmulators#IDENTITY_STORE_ID}, {@value AwsEmulators#AWS_ENDPOINT_OVERRIDE} and
 * {@value AwsEmulators#AWS_REGION}. Optional init args: tenant, token, identity-store-id, region,
 * scim-port, aws-port. Call {@code reset()} on the emulators between tests.
 */
public class AwsEmulatorsResource implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> initArgs = Map.of();
    private AwsEmulators emulators;

    @Override
    public void init(Map<String, String> initArgs) {
        this.initArgs = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        emulators = AwsEmulators.start(LaunchOptions.from(initArgs));
        return emulators.bridgeConfig();
    }

    @Override
    public void stop() {
        if (emulators != null) {
            emulators.close();
            emulators = null;
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(emulators,
                new TestInjector.AnnotatedAndMatchesType(InjectAwsEmulators.class, AwsEmulators.class));
        injector.injectIntoFields(emulators.scim(),
                new TestInjector.AnnotatedAndMatchesType(InjectAwsEmulators.class, IdentityCenterScimEmulator.class));
        injector.injectIntoFields(emulators.identityStore(),
                new TestInjector.AnnotatedAndMatchesType(InjectAwsEmulators.class, IdentityStoreEmulator.class));
    }

    /** The running emulators (for code that cannot use field injection). */
    public AwsEmulators emulators() {
        return emulators;
    }
}
