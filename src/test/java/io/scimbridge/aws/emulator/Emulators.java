package io.scimbridge.aws.emulator;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The AWS emulators for plain JUnit tests: an {@link OrganizationsEmulator}, {@link SsoAdminEmulator},
 * {@link IamEmulator} or {@link AwsEmulators} parameter (usually of the test's constructor) gets an
 * emulator started once for the test class, reset before each test and closed after the last.
 * When the constructor also takes an OrganizationsEmulator, the SSO Admin emulator works over that
 * emulator's organisation (its accounts are the accounts assignments go to).
 *
 * <pre>{@code
 * @ExtendWith(Emulators.class)
 * class ScpRevokerTest {
 *     private final OrganizationsEmulator organizations;
 *
 *     ScpRevokerTest(OrganizationsEmulator organizations) {
 *         this.organizations = organizations;
 *     }
 * }
 * }</pre>
 *
 * {@code @QuarkusTest}s get theirs from {@link AwsEmulatorsResource} and {@link InjectAwsEmulators}.
 */
public final class Emulators implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Emulators.class);
    private static final List<Class<?>> EMULATORS =
            List.of(OrganizationsEmulator.class, SsoAdminEmulator.class, IamEmulator.class, AwsEmulators.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(Started.class, new Started(takesOrganizations(context.getRequiredTestClass())));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        started(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return EMULATORS.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return started(context).get(parameter.getParameter().getType());
    }

    private static Started started(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Started.class, Started.class);
    }

    private static boolean takesOrganizations(Class<?> testClass) {
        return Arrays.stream(testClass.getDeclaredConstructors()).map(Constructor::getParameterTypes)
                .flatMap(Arrays::stream).anyMatch(OrganizationsEmulator.class::equals);
    }

    /** The emulators one test class started, in start order; closed by JUnit with the class's store. */
    private static final class Started implements AutoCloseable {

        private final boolean ssoOverOrganizations;
        private final List<AutoCloseable> inStartOrder = new ArrayList<>();
        private OrganizationsEmulator organizations;
        private SsoAdminEmulator sso;
        private IamEmulator iam;
        private AwsEmulators all;

        Started(boolean ssoOverOrganizations) {
            this.ssoOverOrganizations = ssoOverOrganizations;
        }

        synchronized Object get(Class<?> type) {
            if (type == OrganizationsEmulator.class) {
                return organizations();
            }
            if (type == SsoAdminEmulator.class) {
                if (sso == null) {
                    sso = started(ssoOverOrganizations ? SsoAdminEmulator.start(null, organizations().tree(), 0)
                            : SsoAdminEmulator.start());
                }
                return sso;
            }
            if (type == IamEmulator.class) {
                if (iam == null) {
                    iam = started(IamEmulator.start());
                }
                return iam;
            }
            if (all == null) {
                all = started(AwsEmulators.start());
            }
            return all;
        }

        private OrganizationsEmulator organizations() {
            if (organizations == null) {
                organizations = started(OrganizationsEmulator.start());
            }
            return organizations;
        }

        private <T extends AutoCloseable> T started(T emulator) {
            inStartOrder.add(emulator);
            return emulator;
        }

        /** Organizations before SSO Admin: the SSO emulator's accounts are the organisation's. */
        synchronized void reset() {
            if (organizations != null) {
                organizations.reset();
            }
            if (sso != null) {
                sso.reset();
            }
            if (iam != null) {
                iam.reset();
            }
            if (all != null) {
                all.reset();
            }
        }

        /** In reverse start order, as the tests closed them: SSO Admin before the organisation it uses. */
        @Override
        public synchronized void close() throws Exception {
            Exception first = null;
            for (int i = inStartOrder.size() - 1; i >= 0; i--) {
                try {
                    inStartOrder.get(i).close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
