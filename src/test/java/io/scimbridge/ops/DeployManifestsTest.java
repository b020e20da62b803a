package io.scimbridge.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.path.json.JsonPath;
import io.scimbridge.auth.SigningKeyStore;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.auth.TokenRegistry;
import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.aws.emulator.InjectAwsEmulators;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * No drift between {@code deploy/} and the application: every file there parses, and every probe
 * path, port, environment variable, metric name and IAM action in it exists in the application
 * as it is built now. Failures name the file and the offending item.
 *
 * <p>Runs on the emulated-Identity-Center profile (shared with the forwarder scenarios, so no
 * extra boot) because some metrics exist only once the bridge has called Identity Center and
 * reconciled against the Identity Store.
 */
@QuarkusTest
@TestProfile(EmulatedIdentityCenterProfile.class)
class DeployManifestsTest {

    /** The bridge's AWS role: reconciliation, account assignments, session revocation, IAM users' retirement. Exactly these. */
    static final Set<String> IAM_ACTIONS = Set.of(
            "identitystore:ListUsers", "identitystore:ListGroups", "identitystore:ListGroupMemberships",
            "identitystore:DescribeUser", "identitystore:DescribeGroup", "identitystore:GetUserId",
            "identitystore:GetGroupId",
            "sso:ListInstances", "sso:ListPermissionSets", "sso:DescribePermissionSet", "sso:ListAccountAssignments",
            "sso:CreateAccountAssignment", "sso:DeleteAccountAssignment", "sso:DescribeAccountAssignmentCreationStatus",
            "sso:DescribeAccountAssignmentDeletionStatus", "sso:UpdatePermissionSet", "sso:ProvisionPermissionSet",
            "sso:DescribePermissionSetProvisioningStatus", "sso:ListAccountsForProvisionedPermissionSet",
            "organizations:ListAccounts", "organizations:ListAccountsForParent",
            "organizations:ListOrganizationalUnitsForParent", "organizations:ListRoots",
            "organizations:ListTagsForResource", "organizations:DescribeAccount",
            // session revocation, mode scp
            "organizations:ListPolicies", "organizations:CreatePolicy", "organizations:DescribePolicy",
            "organizations:UpdatePolicy", "organizations:DeletePolicy", "organizations:AttachPolicy",
            "organizations:DetachPolicy", "organizations:ListPoliciesForTarget", "organizations:ListTargetsForPolicy",
            // IAM users' retirement: the member-account role, whose own policy is
            // deploy/aws/iam-users-member-role-policy.json
            "sts:AssumeRole",
            // session revocation, mode permission-sets, the SCP overflow and the management account
            "sso:GetInlinePolicyForPermissionSet", "sso:PutInlinePolicyToPermissionSet",
            "sso:DeleteInlinePolicyFromPermissionSet",
            // the management account: assignments' OrganizationReader and mode scp (SCPs never apply there)
            "organizations:DescribeOrganization");

    /**
     * The actions AWS's Service Authorization Reference lists with no resource type: the only ones
     * a statement with {@code "Resource": "*"} may grant (least privilege).
     */
    static final Set<String> IAM_ACTIONS_WITHOUT_RESOURCE_TYPES = Set.of(
            "sso:ListInstances", "organizations:ListAccounts", "organizations:ListRoots", "organizations:ListPolicies",
            "organizations:CreatePolicy", "organizations:DescribeOrganization");

    /** Environment variables in deploy/ that are not the bridge's configuration, and who reads them. */
    static final Map<String, String> OTHER_ENV = Map.of(
            "JDK_JAVA_OPTIONS", "the java launcher (heap sizing)",
            "MALLOC_ARENA_MAX", "glibc's malloc (fewer arenas, less resident memory)",
            "SIGNING_KEY_PEM", "the shell of the ECS signing-key init container",
            "SIGNING_PUBLIC_KEY_PEM", "the shell of the ECS signing-key init container",
            "REVOKED_TOKENS", "the shell of the ECS signing-key init container");

    /**
     * Configuration deploy/ already sets for a feature still being built (env -> the property it
     * will be): accepted while the application does not read it yet, checked like any other once it does.
     */
    static final Map<String, String> AWAITED = Map.of(
            "BRIDGE_RULES_FILE", "bridge.rules-file (the rules file)");

    /** Labels Prometheus adds when it scrapes: never in /q/metrics itself. */
    static final Set<String> SCRAPE_LABELS = Set.of("job", "instance", "namespace", "pod", "service", "container", "endpoint");

    /** Series Prometheus makes itself. */
    static final Set<String> SCRAPE_SERIES = Set.of("up");

    static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "start", "end", "atan2");

    static Deploy deploy;
    static AppConfig app;

    @InjectAwsEmulators
    AwsEmulators aws;

    @BeforeAll
    static void load() {
        RestAssured.registerParser("application/scim+json", Parser.JSON);
        // -Ddeploy.dir=... checks another copy of deploy/ (yours, with your changes) against this build
        deploy = Deploy.load(Optional.ofNullable(System.getProperty("deploy.dir")).map(Path::of)
                .orElse(projectDir().resolve("deploy")));
        app = AppConfig.load();
    }

    // ------------------------------------------------------------------------------------------

    @Test
    void everyFileUnderDeployParses() {
        assertEquals(Map.of(), deploy.parseErrors, "files under deploy/ that do not parse");
        for (String expected : List.of("Dockerfile", "aws/iam-policy.json", "aws/ecs-task-definition.json",
                "grafana/scim-bridge-dashboard.json", "prometheus/alerts.yaml",
                "kubernetes/single-replica/kustomization.yaml", "kubernetes/multi-replica/kustomization.yaml")) {
            assertTrue(Files.exists(deploy.root.resolve(expected)), "deploy/" + expected + " is missing");
        }
        assertTrue(deploy.files.size() >= 20, "parsed only " + deploy.files.keySet());
        for (DeployFile f : deploy.files.values()) {
            if (f.relative().startsWith("kubernetes/") && !f.relative().endsWith("rules.yaml")) {
                for (JsonNode doc : f.documents()) {
                    assertTrue(doc.hasNonNull("apiVersion") && doc.hasNonNull("kind"),
                            f + ": a document without apiVersion/kind: " + abbreviate(doc));
                }
            }
        }
    }

    @Test
    void everyProbeAndScrapePathAnswers() {
        Map<String, Set<String>> paths = new TreeMap<>();
        for (Container c : deploy.containers()) {
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                JsonNode get = c.spec().path(probe).path("httpGet");
                if (get.has("path")) {
                    paths.computeIfAbsent(get.get("path").asText(), p -> new TreeSet<>()).add(c + " " + probe);
                }
            }
        }
        for (Doc monitor : deploy.kubernetes("ServiceMonitor")) {
            for (JsonNode endpoint : monitor.node().path("spec").path("endpoints")) {
                paths.computeIfAbsent(endpoint.path("path").asText("/metrics"), p -> new TreeSet<>()).add(monitor + " endpoint");
            }
        }
        for (EcsContainer c : deploy.ecsContainers()) {
            for (UrlUse url : c.healthCheckUrls()) {
                paths.computeIfAbsent(url.path(), p -> new TreeSet<>()).add(c + " healthCheck");
            }
        }
        assertTrue(paths.keySet().containsAll(Set.of("/q/health/live", "/q/health/ready", "/q/metrics")),
                "expected liveness, readiness and metrics paths in deploy/, found " + paths);
        List<String> broken = new ArrayList<>();
        paths.forEach((path, users) -> {
            int status = given().get(path).statusCode();
            if (status != 200) {
                broken.add("GET " + path + " answered " + status + " (used by " + users + ")");
            }
        });
        assertEquals(List.of(), broken);
    }

    @Test
    void everyPortIsTheApplicationsHttpPort() {
        int port = app.prodHttpPort();
        List<String> wrong = new ArrayList<>();
        deploy.dockerfile().ifPresent(d -> {
            d.env().forEach((name, value) -> {
                if (name.equals("QUARKUS_HTTP_PORT") && !value.equals(Integer.toString(port))) {
                    wrong.add("deploy/Dockerfile: ENV QUARKUS_HTTP_PORT=" + value + ", the application listens on " + port);
                }
            });
            d.exposed().stream().filter(p -> p != port)
                    .forEach(p -> wrong.add("deploy/Dockerfile: EXPOSE " + p + ", the application listens on " + port));
        });
        Map<String, Integer> namedPorts = new TreeMap<>();
        for (Container c : deploy.containers()) {
            for (JsonNode p : c.spec().path("ports")) {
                int containerPort = p.path("containerPort").asInt();
                if (containerPort != port) {
                    wrong.add(c + ": containerPort " + containerPort + ", the application listens on " + port);
                }
                if (p.has("name")) {
                    namedPorts.put(p.get("name").asText(), containerPort);
                }
            }
        }
        Function<JsonNode, Optional<Integer>> resolve = p -> p.isInt() ? Optional.of(p.asInt())
                : Optional.ofNullable(namedPorts.get(p.asText()));
        for (Container c : deploy.containers()) {
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                JsonNode p = c.spec().path(probe).path("httpGet").path("port");
                if (!p.isMissingNode() && !resolve.apply(p).equals(Optional.of(port))) {
                    wrong.add(c + ": " + probe + " port " + p.asText() + " is not " + port);
                }
            }
        }
        Set<String> servicePortNames = new TreeSet<>();
        for (Doc service : deploy.kubernetes("Service")) {
            for (JsonNode p : service.node().path("spec").path("ports")) {
                servicePortNames.add(p.path("name").asText());
                JsonNode target = p.has("targetPort") ? p.get("targetPort") : p.path("port");
                if (!resolve.apply(target).equals(Optional.of(port))) {
                    wrong.add(service + ": targetPort " + target.asText() + " does not reach port " + port);
                }
            }
        }
        for (Doc monitor : deploy.kubernetes("ServiceMonitor")) {
            for (JsonNode endpoint : monitor.node().path("spec").path("endpoints")) {
                if (!servicePortNames.contains(endpoint.path("port").asText())) {
                    wrong.add(monitor + ": endpoint port \"" + endpoint.path("port").asText()
                            + "\" is no Service port name " + servicePortNames);
                }
            }
        }
        for (Doc policy : deploy.kubernetes("NetworkPolicy")) {
            for (JsonNode rule : policy.node().path("spec").path("ingress")) {
                for (JsonNode p : rule.path("ports")) {
                    if (!resolve.apply(p.path("port")).equals(Optional.of(port))) {
                        wrong.add(policy + ": ingress port " + p.path("port").asText() + " is not " + port);
                    }
                }
            }
        }
        for (EcsContainer c : deploy.ecsContainers()) {
            for (JsonNode p : c.spec().path("portMappings")) {
                if (p.path("containerPort").asInt() != port) {
                    wrong.add(c + ": portMappings containerPort " + p.path("containerPort").asInt() + " is not " + port);
                }
            }
            c.healthCheckUrls().stream().filter(u -> u.port() != port)
                    .forEach(u -> wrong.add(c + ": healthCheck calls port " + u.port() + ", not " + port));
        }
        for (EnvSet set : deploy.envSets()) {
            set.literal("QUARKUS_HTTP_PORT").filter(v -> !v.equals(Integer.toString(port)))
                    .ifPresent(v -> wrong.add(set + ": QUARKUS_HTTP_PORT=" + v + ", the probes and ports expect " + port));
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyEnvironmentVariableIsConfigurationTheApplicationReads() {
        List<String> wrong = new ArrayList<>();
        List<String> awaited = new ArrayList<>();
        for (EnvSet set : deploy.envSets()) {
            for (String name : set.vars().keySet()) {
                if (OTHER_ENV.containsKey(name)) {
                    continue;
                }
                if (!name.startsWith("BRIDGE_") && !name.startsWith("QUARKUS_")) {
                    wrong.add(set + ": " + name + " is neither BRIDGE_* nor QUARKUS_* nor a known variable "
                            + OTHER_ENV.keySet() + " (a typo?)");
                    continue;
                }
                Optional<ConfigName> property = app.propertyForEnv(name);
                if (property.isEmpty()) {
                    if (AWAITED.containsKey(name)) {
                        awaited.add(name + " -> " + AWAITED.get(name));
                    } else {
                        wrong.add(set + ": " + name + " maps to no configuration property the application reads");
                    }
                } else if (property.get().phase() != ConfigPhase.RUN_TIME) {
                    wrong.add(set + ": " + name + " (" + property.get().name() + ") is fixed when Quarkus augments the"
                            + " application (" + property.get().phase() + "), not at run time: build the image with it"
                            + " (deploy/Dockerfile, build arg DB_KIND) instead");
                } else if (AWAITED.containsKey(name) && !AWAITED.get(name).startsWith(property.get().name() + " ")) {
                    wrong.add(set + ": " + name + " is read as " + property.get().name() + ", expected " + AWAITED.get(name));
                }
            }
            wrong.addAll(app.invalidValues(set));
        }
        if (!awaited.isEmpty()) {
            System.out.println("DeployManifestsTest: set in deploy/, not read by the application yet: " + awaited);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyMetricInTheDashboardAndAlertsExists() {
        Map<String, Set<String>> exposed = metricsAfterTraffic();
        List<String> wrong = new ArrayList<>();
        List<Expr> exprs = deploy.promqlExpressions();
        assertTrue(exprs.size() >= 10, "expected the dashboard's and the alerts' expressions, found " + exprs);
        for (Expr expr : exprs) {
            Promql q = Promql.parse(expr.expr());
            for (String metric : q.metrics()) {
                if (!SCRAPE_SERIES.contains(metric) && !exposed.containsKey(metric)) {
                    wrong.add(expr.where() + ": metric " + metric + " is not in /q/metrics (in: " + expr.expr() + ")");
                }
            }
            for (Map.Entry<String, Set<String>> selector : q.labels().entrySet()) {
                Set<String> known = exposed.getOrDefault(selector.getKey(), Set.of());
                for (String label : selector.getValue()) {
                    if (!SCRAPE_LABELS.contains(label) && !known.contains(label) && !SCRAPE_SERIES.contains(selector.getKey())) {
                        wrong.add(expr.where() + ": " + selector.getKey() + " has no label \"" + label
                                + "\" (it has " + known + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theIamPolicyGrantsExactlyTheBridgesActions() {
        DeployFile file = deploy.file("aws/iam-policy.json");
        JsonNode policy = file.documents().get(0);
        assertEquals("2012-10-17", policy.path("Version").asText(), file + ": Version");
        assertTrue(policy.path("Statement").isArray() && !policy.path("Statement").isEmpty(), file + ": no Statement list");
        List<String> wrong = new ArrayList<>();
        Set<String> granted = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            String sid = file + " statement " + statement.path("Sid").asText("(no Sid)");
            if (!"Allow".equals(statement.path("Effect").asText())) {
                wrong.add(sid + ": Effect is not Allow");
            }
            List<String> actions = textList(statement.path("Action"));
            List<String> resources = textList(statement.path("Resource"));
            if (actions.isEmpty() || resources.isEmpty()) {
                wrong.add(sid + ": needs Action and Resource");
            }
            for (String action : actions) {
                if (!action.matches("(identitystore|sso|organizations|sts):[A-Z][A-Za-z]+")) {
                    wrong.add(sid + ": action " + action + " is not one identitystore:, sso:, organizations: or sts: action");
                }
                if (resources.contains("*") && !IAM_ACTIONS_WITHOUT_RESOURCE_TYPES.contains(action)) {
                    wrong.add(sid + ": " + action + " supports resource-level permissions but is granted on \"*\"");
                }
                granted.add(action);
            }
        }
        Set<String> missing = new TreeSet<>(IAM_ACTIONS);
        missing.removeAll(granted);
        Set<String> extra = new TreeSet<>(granted);
        extra.removeAll(IAM_ACTIONS);
        if (!missing.isEmpty()) {
            wrong.add(file + ": missing actions " + missing);
        }
        if (!extra.isEmpty()) {
            wrong.add(file + ": actions beyond what the bridge calls " + extra);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everySecretAndConfigMapReferencedIsDefinedWithTheKeysTheBridgeExpects() {
        Map<String, Set<String>> configMaps = deploy.definedConfigMaps();
        Map<String, Set<String>> secrets = deploy.definedSecrets();
        String dataDir = deploy.dockerfile().map(d -> d.env().get("BRIDGE_DATA_DIR")).orElse("/data");
        List<String> wrong = new ArrayList<>();
        for (Doc workload : deploy.workloads()) {
            JsonNode pod = workload.node().path("spec").path("template").path("spec");
            for (JsonNode volume : pod.path("volumes")) {
                checkReference(workload + " volume " + volume.path("name").asText(), volume.path("configMap"), "name",
                        configMaps, wrong);
                checkReference(workload + " volume " + volume.path("name").asText(), volume.path("secret"), "secretName",
                        secrets, wrong);
            }
            for (Container c : deploy.containersOf(workload)) {
                for (JsonNode env : c.spec().path("env")) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        Set<String> keys = secrets.get(ref.path("name").asText());
                        if (keys == null || !keys.contains(ref.path("key").asText())) {
                            wrong.add(c + ": env " + env.path("name").asText() + " reads key " + ref.path("key").asText()
                                    + " of Secret " + ref.path("name").asText() + ", which deploy/ does not define " + secrets);
                        }
                    }
                }
                String command = c.spec().path("command").toString() + c.spec().path("args");
                if (command.contains(dataDir + "/keys")) {
                    for (String keyFile : List.of(SigningKeyStore.PRIVATE_KEY_FILE, SigningKeyStore.PUBLIC_KEY_FILE)) {
                        if (!command.contains(keyFile)) {
                            wrong.add(c + ": fills " + dataDir + "/keys without " + keyFile + " (SigningKeyStore)");
                        }
                    }
                }
            }
        }
        for (EcsContainer c : deploy.ecsContainers()) {
            String command = c.spec().path("command").toString();
            if (command.contains(dataDir + "/keys")) {
                for (String keyFile : List.of(SigningKeyStore.PRIVATE_KEY_FILE, SigningKeyStore.PUBLIC_KEY_FILE)) {
                    if (!command.contains(dataDir + "/keys/" + keyFile)) {
                        wrong.add(c + ": writes " + dataDir + "/keys without " + keyFile + " (SigningKeyStore)");
                    }
                }
            }
            if (command.contains(dataDir + "/tokens") && !command.contains(dataDir + "/tokens/" + TokenRegistry.REVOKED_FILE)) {
                wrong.add(c + ": writes " + dataDir + "/tokens without " + TokenRegistry.REVOKED_FILE + " (TokenRegistry)");
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static void checkReference(String where, JsonNode ref, String nameField, Map<String, Set<String>> defined,
                                       List<String> wrong) {
        if (ref.isMissingNode()) {
            return;
        }
        String name = ref.path(nameField).asText();
        Set<String> keys = defined.get(name);
        if (keys == null) {
            if (!ref.path("optional").asBoolean(false)) {
                wrong.add(where + ": " + name + " is defined nowhere in deploy/ (not even as an example) " + defined.keySet());
            }
            return;
        }
        for (JsonNode item : ref.path("items")) {
            if (!keys.contains(item.path("key").asText())) {
                wrong.add(where + ": item key " + item.path("key").asText() + " is not in " + name + " " + keys);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // the application side

    /**
     * /q/metrics after the application has served SCIM requests, delivered to the Identity Center
     * emulator and reconciled against the Identity Store emulator: metric name -> label names.
     */
    private Map<String, Set<String>> metricsAfterTraffic() {
        // a scenario that ran before may have left a fault armed in the emulators
        aws.reset();
        String token = TestTokens.forSource("deploy-test");
        String userName = "deploy-test-" + UUID.randomUUID() + "@example.com";
        given().auth().oauth2(token).contentType("application/scim+json")
                .body("""
                        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s",
                         "name": {"givenName": "Deploy", "familyName": "Test"},
                         "emails": [{"value": "%s", "type": "work", "primary": true}], "active": true}"""
                        .formatted(userName, userName))
                .post("/scim/v2/Users").then().statusCode(201);
        given().auth().oauth2(token).get("/scim/v2/Users").then().statusCode(200);
        given().auth().oauth2("not-a-token").get("/scim/v2/Groups").then().statusCode(401);
        given().auth().oauth2(token).get("/scim/v2/ServiceProviderConfig").then().statusCode(200);
        await("the delivery of " + userName + " to the Identity Center emulator, in the metrics")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> metrics().keySet().containsAll(Set.of("bridge_deliveries_total", "identity_center_requests_seconds_count")));
        JsonPath report = reconcileWithEmulatorCredentials();
        assertEquals("completed", report.getString("outcome"), "reconciliation against the emulator: " + report.prettify());
        return metrics();
    }

    /** The reconciliation's AWS SDK client uses the default credentials chain: give it fake ones, then restore. */
    private static JsonPath reconcileWithEmulatorCredentials() {
        Map<String, String> previous = new LinkedHashMap<>();
        for (String key : List.of("aws.accessKeyId", "aws.secretAccessKey")) {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, "deploy-test");
        }
        try {
            return given().auth().oauth2(TestTokens.admin()).post("/admin/reconcile")
                    .then().statusCode(200).extract().jsonPath();
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private static Map<String, Set<String>> metrics() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Set<String>> out = new TreeMap<>();
        Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        for (String line : text.split("\n")) {
            Matcher m = sample.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Set<String> labels = out.computeIfAbsent(m.group(1), k -> new TreeSet<>());
            if (m.group(3) != null) {
                Matcher l = label.matcher(m.group(3));
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
        }
        return out;
    }

    /** A configuration property the application declares, with its Quarkus phase (RUN_TIME for ours). */
    record ConfigName(String name, ConfigPhase phase) {}

    /**
     * What the application reads: the properties of its {@code @ConfigMapping} interfaces and
     * {@code @ConfigProperty} injection points (found in its classes), the keys of its
     * application.properties, and every property of the Quarkus extensions on its classpath.
     */
    record AppConfig(Map<String, ConfigName> names, List<Class<?>> mappings, Properties applicationProperties) {

        static AppConfig load() {
            Map<String, ConfigName> names = new TreeMap<>();
            List<Class<?>> mappings = new ArrayList<>();
            for (Class<?> type : applicationClasses()) {
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null && type.isInterface()) {
                    mappings.add(type);
                    propertiesOf(type, mapping.prefix()).forEach(n -> names.put(n, new ConfigName(n, ConfigPhase.RUN_TIME)));
                }
                for (String n : configPropertyNames(type)) {
                    names.put(n, new ConfigName(n, ConfigPhase.RUN_TIME));
                }
            }
            assertTrue(mappings.contains(IdentityCenterConfig.class),
                    "the scan of the application's classes missed IdentityCenterConfig: " + mappings);
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(projectDir().resolve("src/main/resources/application.properties"))) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Quarkus' own first: application.properties also sets build-time ones (db-kind)
            quarkusConfigRoots().forEach(names::putIfAbsent);
            properties.stringPropertyNames().stream().filter(n -> !n.startsWith("%"))
                    .forEach(n -> names.putIfAbsent(n, new ConfigName(n, ConfigPhase.RUN_TIME)));
            return new AppConfig(names, mappings, properties);
        }

        /** The port the packaged application listens on: application.properties, else Quarkus' default. */
        int prodHttpPort() {
            String configured = applicationProperties.getProperty("quarkus.http.port");
            if (configured != null) {
                return Integer.parseInt(configured.trim());
            }
            return QUARKUS_DEFAULTS.get("quarkus.http.port") == null ? 8080 : Integer.parseInt(QUARKUS_DEFAULTS.get("quarkus.http.port"));
        }

        /** SmallRye's env rule, both ways: a property name's env form is it with [^A-Za-z0-9] as _, upper-cased. */
        Optional<ConfigName> propertyForEnv(String env) {
            ConfigName wildcard = null;
            for (ConfigName n : names.values()) {
                if (!n.name().contains("*")) {
                    if (envForm(n.name()).equals(env)) {
                        return Optional.of(n);
                    }
                } else if (wildcard == null && envPattern(n.name()).matcher(env).matches()) {
                    wildcard = n;
                }
            }
            return Optional.ofNullable(wildcard);
        }

        /** The literal BRIDGE_* values of an env set, converted as the application would (types, durations). */
        List<String> invalidValues(EnvSet set) {
            Map<String, String> literals = new TreeMap<>();
            set.vars().forEach((k, v) -> {
                if (k.startsWith("BRIDGE_") && v.isPresent()) {
                    literals.put(k, v.get());
                }
            });
            if (literals.isEmpty()) {
                return List.of();
            }
            SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                    .withSources(new EnvConfigSource(literals, 300))
                    .withConverter(Duration.class, 200, new DurationConverter());
            mappings.forEach(builder::withMapping);
            try {
                builder.build();
                return List.of();
            } catch (RuntimeException e) {
                // only what the env set caused: a mapping of the application may need more than defaults
                Set<String> ours = literals.keySet().stream().map(this::propertyForEnv).flatMap(Optional::stream)
                        .map(ConfigName::name).collect(Collectors.toSet());
                List<String> messages = new ArrayList<>();
                if (e instanceof ConfigValidationException invalid) {
                    for (int i = 0; i < invalid.getProblemCount(); i++) {
                        messages.add(invalid.getProblem(i).getMessage());
                    }
                } else {
                    messages.add(String.valueOf(e.getMessage()));
                }
                return messages.stream().filter(m -> ours.stream().anyMatch(m::contains)).map(m -> set + ": " + m).toList();
            }
        }

        static String envForm(String property) {
            return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
        }

        static Pattern envPattern(String property) {
            StringBuilder regex = new StringBuilder();
            for (String part : property.split("(?=\\*)|(?<=\\*)")) {
                regex.append(part.equals("*") ? "[A-Z0-9_]+" : Pattern.quote(envForm(part)));
            }
            return Pattern.compile(regex.toString());
        }

        private static Set<String> propertiesOf(Class<?> mapping, String prefix) {
            return ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping, prefix)).keySet();
        }

        private static final Map<String, String> QUARKUS_DEFAULTS = new TreeMap<>();

        /** Every property of every Quarkus config root on the classpath, with its phase. */
        private static Map<String, ConfigName> quarkusConfigRoots() {
            Map<String, ConfigName> names = new TreeMap<>();
            ClassLoader loader = DeployManifestsTest.class.getClassLoader();
            try {
                for (URL list : Collections.list(loader.getResources("META-INF/quarkus-config-roots.list"))) {
                    try (InputStream in = list.openStream()) {
                        for (String className : new String(in.readAllBytes()).split("\\s+")) {
                            if (className.isBlank()) {
                                continue;
                            }
                            try {
                                Class<?> root = Class.forName(className, false, loader);
                                ConfigMapping mapping = root.getAnnotation(ConfigMapping.class);
                                ConfigRoot phase = root.getAnnotation(ConfigRoot.class);
                                if (mapping == null) {
                                    continue;
                                }
                                var properties = ConfigMappings.getProperties(
                                        ConfigMappings.ConfigClass.configClass(root, mapping.prefix()));
                                properties.forEach((name, property) -> {
                                    names.putIfAbsent(name, new ConfigName(name,
                                            phase == null ? ConfigPhase.RUN_TIME : phase.phase()));
                                    if (property.hasDefaultValue()) {
                                        QUARKUS_DEFAULTS.putIfAbsent(name, property.getDefaultValue());
                                    }
                                });
                            } catch (ReflectiveOperationException | LinkageError | RuntimeException notUsable) {
                                // a root of an extension part that is not on this classpath
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertTrue(names.containsKey("quarkus.http.port") && names.containsKey("quarkus.datasource.jdbc.url"),
                    "the Quarkus configuration roots were not found on the classpath");
            return names;
        }

        /** The application's own classes (not the tests'), from the folder IdentityCenterConfig was loaded from. */
        private static List<Class<?>> applicationClasses() {
            String resource = IdentityCenterConfig.class.getName().replace('.', '/') + ".class";
            URL url = IdentityCenterConfig.class.getClassLoader().getResource(resource);
            assertTrue(url != null && url.getProtocol().equals("file"), "application classes not in a folder: " + url);
            Path root;
            try {
                Path file = Path.of(url.toURI());
                root = file;
                for (int i = 0; i < resource.split("/").length; i++) {
                    root = root.getParent();
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            List<Class<?>> classes = new ArrayList<>();
            Path base = root;
            try (Stream<Path> files = Files.walk(base.resolve("io/scimbridge"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = base.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                    try {
                        classes.add(Class.forName(name, false, IdentityCenterConfig.class.getClassLoader()));
                    } catch (ReflectiveOperationException | LinkageError skipped) {
                        // not loadable on its own (e.g. an optional dependency missing): no config there
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return classes;
        }

        private static Set<String> configPropertyNames(Class<?> type) {
            Set<String> names = new TreeSet<>();
            try {
                List<AnnotatedElement> elements = new ArrayList<>(List.of(type.getDeclaredFields()));
                List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
                executables.addAll(List.of(type.getDeclaredMethods()));
                for (Executable e : executables) {
                    for (Parameter p : e.getParameters()) {
                        elements.add(p);
                    }
                }
                for (AnnotatedElement e : elements) {
                    ConfigProperty property = e.getAnnotation(ConfigProperty.class);
                    if (property != null && !property.name().isEmpty()) {
                        names.add(property.name());
                    }
                }
            } catch (LinkageError skipped) {
                // a signature naming a class that is not on the classpath
            }
            return names;
        }
    }

    // ------------------------------------------------------------------------------------------
    // the deploy/ side

    record DeployFile(String relative, List<JsonNode> documents) {
        @Override
        public String toString() {
            return "deploy/" + relative;
        }
    }

    /** One Kubernetes document, named for messages. */
    record Doc(DeployFile file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file + " (" + kind() + " " + name() + ")";
        }
    }

    record Container(Doc workload, JsonNode spec) {
        String name() {
            return spec.path("name").asText();
        }

        @Override
        public String toString() {
            return workload + " container " + name();
        }
    }

    record UrlUse(int port, String path) {}

    record EcsContainer(DeployFile file, JsonNode spec) {
        List<UrlUse> healthCheckUrls() {
            List<UrlUse> urls = new ArrayList<>();
            Matcher m = Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1):(\\d+)(/[^\\s\"'|;]*)")
                    .matcher(spec.path("healthCheck").path("command").toString());
            while (m.find()) {
                urls.add(new UrlUse(Integer.parseInt(m.group(1)), m.group(2)));
            }
            return urls;
        }

        @Override
        public String toString() {
            return file + " container " + spec.path("name").asText();
        }
    }

    /** The variables one container (or the image) is started with; empty value = from a secret. */
    record EnvSet(String where, Map<String, Optional<String>> vars) {
        Optional<String> literal(String name) {
            return vars.getOrDefault(name, Optional.empty());
        }

        @Override
        public String toString() {
            return where;
        }
    }

    record Expr(String where, String expr) {}

    record Dockerfile(Map<String, String> env, List<Integer> exposed) {
        static Dockerfile parse(String text) {
            Map<String, String> env = new LinkedHashMap<>();
            List<Integer> exposed = new ArrayList<>();
            Pattern assignment = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S*))");
            for (String line : text.replaceAll("\\\\\\r?\\n", " ").split("\\r?\\n")) {
                String trimmed = line.trim();
                if (trimmed.startsWith("ENV ")) {
                    Matcher m = assignment.matcher(trimmed.substring(4));
                    while (m.find()) {
                        env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
                    }
                } else if (trimmed.startsWith("EXPOSE ")) {
                    for (String port : trimmed.substring(7).trim().split("\\s+")) {
                        exposed.add(Integer.parseInt(port.replaceAll("/.*", "")));
                    }
                }
            }
            return new Dockerfile(env, exposed);
        }
    }

    static final class Deploy {
        final Path root;
        final Map<String, DeployFile> files = new TreeMap<>();
        final Map<String, String> parseErrors = new TreeMap<>();
        private Dockerfile dockerfile;

        private Deploy(Path root) {
            this.root = root;
        }

        static Deploy load(Path root) {
            Deploy deploy = new Deploy(root);
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            ObjectMapper json = new ObjectMapper();
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = root.relativize(path).toString().replace('\\', '/');
                    String name = path.getFileName().toString();
                    try {
                        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                            List<JsonNode> docs = new ArrayList<>();
                            try (MappingIterator<JsonNode> values = yaml.readerFor(JsonNode.class)
                                    .readValues(yaml.getFactory().createParser(path.toFile()))) {
                                while (values.hasNext()) {
                                    JsonNode doc = values.next();
                                    if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                                        docs.add(doc);
                                    }
                                }
                            }
                            deploy.files.put(relative, new DeployFile(relative, docs));
                        } else if (name.endsWith(".json")) {
                            deploy.files.put(relative, new DeployFile(relative, List.of(json.readTree(path.toFile()))));
                        } else if (relative.equals("Dockerfile")) {
                            deploy.dockerfile = Dockerfile.parse(Files.readString(path));
                        }
                    } catch (IOException | RuntimeException e) {
                        deploy.parseErrors.put("deploy/" + relative, e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return deploy;
        }

        DeployFile file(String relative) {
            DeployFile f = files.get(relative);
            assertTrue(f != null && !f.documents().isEmpty(), "deploy/" + relative + " is missing or empty");
            return f;
        }

        Optional<Dockerfile> dockerfile() {
            return Optional.ofNullable(dockerfile);
        }

        List<Doc> kubernetes(String kind) {
            return kubernetesDocs().stream().filter(d -> d.kind().equals(kind)).toList();
        }

        List<Doc> kubernetesDocs() {
            return files.values().stream().filter(f -> f.relative().startsWith("kubernetes/"))
                    .flatMap(f -> f.documents().stream().map(n -> new Doc(f, n))).toList();
        }

        List<Doc> workloads() {
            return kubernetesDocs().stream()
                    .filter(d -> Set.of("Deployment", "StatefulSet", "DaemonSet").contains(d.kind())).toList();
        }

        List<Container> containersOf(Doc workload) {
            JsonNode pod = workload.node().path("spec").path("template").path("spec");
            List<Container> out = new ArrayList<>();
            for (String list : List.of("initContainers", "containers")) {
                pod.path(list).forEach(c -> out.add(new Container(workload, c)));
            }
            return out;
        }

        List<Container> containers() {
            return workloads().stream().flatMap(w -> containersOf(w).stream()).toList();
        }

        List<EcsContainer> ecsContainers() {
            return files.values().stream().filter(f -> f.relative().startsWith("aws/"))
                    .flatMap(f -> f.documents().stream()
                            .flatMap(d -> {
                                List<EcsContainer> out = new ArrayList<>();
                                d.path("containerDefinitions").forEach(c -> out.add(new EcsContainer(f, c)));
                                return out.stream();
                            }))
                    .toList();
        }

        /** ConfigMaps deploy/ defines (documents and kustomize generators): name -> keys. */
        Map<String, Set<String>> definedConfigMaps() {
            Map<String, Set<String>> out = new TreeMap<>();
            kubernetes("ConfigMap").forEach(d -> out.computeIfAbsent(d.name(), n -> new TreeSet<>()).addAll(keys(d.node().path("data"))));
            for (Doc k : kubernetes("Kustomization")) {
                for (JsonNode generator : k.node().path("configMapGenerator")) {
                    Set<String> keys = out.computeIfAbsent(generator.path("name").asText(), n -> new TreeSet<>());
                    generator.path("files").forEach(f -> keys.add(f.asText().contains("=")
                            ? f.asText().substring(0, f.asText().indexOf('=')) : f.asText().replaceAll("^.*/", "")));
                }
            }
            return out;
        }

        /** Secrets deploy/ shows (the *.example.yaml files): name -> keys. */
        Map<String, Set<String>> definedSecrets() {
            Map<String, Set<String>> out = new TreeMap<>();
            for (Doc d : kubernetes("Secret")) {
                Set<String> keys = out.computeIfAbsent(d.name(), n -> new TreeSet<>());
                keys.addAll(keys(d.node().path("data")));
                keys.addAll(keys(d.node().path("stringData")));
            }
            return out;
        }

        private static Set<String> keys(JsonNode object) {
            Set<String> keys = new TreeSet<>();
            object.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        /** Every environment a process of deploy/ starts with: containers, ECS containers, the image. */
        List<EnvSet> envSets() {
            List<EnvSet> sets = new ArrayList<>();
            Map<String, Doc> configMaps = new TreeMap<>();
            kubernetes("ConfigMap").forEach(d -> configMaps.put(d.name(), d));
            for (Container c : containers()) {
                Map<String, Optional<String>> vars = new TreeMap<>();
                for (JsonNode from : c.spec().path("envFrom")) {
                    String name = from.path("configMapRef").path("name").asText(null);
                    if (name != null) {
                        Doc map = configMaps.get(name);
                        if (map == null) {
                            fail(c + ": envFrom ConfigMap " + name + " is defined nowhere in deploy/");
                        }
                        map.node().path("data").fields().forEachRemaining(e -> vars.put(e.getKey(), Optional.of(e.getValue().asText())));
                    }
                }
                for (JsonNode env : c.spec().path("env")) {
                    vars.put(env.path("name").asText(), env.has("value") ? Optional.of(env.get("value").asText()) : Optional.empty());
                }
                if (!vars.isEmpty()) {
                    sets.add(new EnvSet(c.toString(), vars));
                }
            }
            for (EcsContainer c : ecsContainers()) {
                Map<String, Optional<String>> vars = new TreeMap<>();
                c.spec().path("environment").forEach(e -> vars.put(e.path("name").asText(), Optional.of(e.path("value").asText())));
                c.spec().path("secrets").forEach(e -> vars.put(e.path("name").asText(), Optional.empty()));
                sets.add(new EnvSet(c.toString(), vars));
            }
            dockerfile().ifPresent(d -> {
                Map<String, Optional<String>> vars = new TreeMap<>();
                d.env().forEach((k, v) -> vars.put(k, Optional.of(v)));
                sets.add(new EnvSet("deploy/Dockerfile ENV", vars));
            });
            return sets;
        }

        /** The PromQL of the Grafana dashboards (every "expr", at any depth) and of the alert rules. */
        List<Expr> promqlExpressions() {
            List<Expr> out = new ArrayList<>();
            for (DeployFile f : files.values()) {
                if (f.relative().startsWith("grafana/")) {
                    f.documents().forEach(d -> collectExprs(d, f + " panel ?", out));
                } else if (f.relative().startsWith("prometheus/")) {
                    for (JsonNode doc : f.documents()) {
                        JsonNode groups = doc.has("spec") ? doc.path("spec").path("groups") : doc.path("groups");
                        for (JsonNode group : groups) {
                            for (JsonNode rule : group.path("rules")) {
                                String name = rule.has("alert") ? "alert " + rule.path("alert").asText()
                                        : "record " + rule.path("record").asText();
                                out.add(new Expr(f + " " + name, rule.path("expr").asText()));
                            }
                        }
                    }
                }
            }
            return out;
        }

        private static void collectExprs(JsonNode node, String where, List<Expr> out) {
            if (node.isObject()) {
                String here = node.has("title") && node.has("type") ? where.replaceAll(" panel .*$", "") + " panel \""
                        + node.path("title").asText() + "\"" : where;
                if (node.path("expr").isTextual()) {
                    out.add(new Expr(here, node.path("expr").asText()));
                }
                node.fields().forEachRemaining(e -> collectExprs(e.getValue(), here, out));
            } else if (node.isArray()) {
                node.forEach(n -> collectExprs(n, where, out));
            }
        }
    }

    /** Just enough PromQL to find the metric names and the label names matched on each. */
    record Promql(Set<String> metrics, Map<String, Set<String>> labels) {
        private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
        private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
        private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

        static Promql parse(String expr) {
            Set<String> metrics = new TreeSet<>();
            Map<String, Set<String>> labels = new TreeMap<>();
            Matcher s = SELECTOR.matcher(expr);
            StringBuilder rest = new StringBuilder();
            while (s.find()) {
                Set<String> names = labels.computeIfAbsent(s.group(1), k -> new TreeSet<>());
                Matcher m = MATCHER.matcher(s.group(2).replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\""));
                while (m.find()) {
                    names.add(m.group(1));
                }
                s.appendReplacement(rest, Matcher.quoteReplacement(s.group(1)));
            }
            s.appendTail(rest);
            String bare = rest.toString()
                    .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                    .replaceAll("\\[[^]]*]", "")
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
            Matcher id = IDENTIFIER.matcher(bare);
            while (id.find()) {
                String word = id.group(1);
                if (!PROMQL_WORDS.contains(word)) {
                    metrics.add(word);
                }
            }
            metrics.addAll(labels.keySet());
            return new Promql(metrics, labels);
        }
    }

    // ------------------------------------------------------------------------------------------

    static Path projectDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("deploy")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        assertFalse(dir == null, "no project folder with deploy/ and pom.xml above " + Path.of("").toAbsolutePath());
        return dir;
    }

    private static List<String> textList(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
