package io.scimbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An IdP provisioning the bridge the way Azure AD does when things go wrong: a request that got no
 * answer (connection refused or reset, timeout) or a 429/5xx is sent again, unchanged, later (Azure
 * AD retries on its next cycle; here after a short pause, or the Retry-After given, capped at a
 * second). A POST retried after its answer was lost may find the resource already created (409
 * uniqueness): the IdP then looks it up by filter and carries on with the id found, as Azure AD
 * does. A DELETE retried after a lost answer may find it gone (404): done. Every accepted write is
 * entered in the {@link IdpLedger}.
 */
final class DrillIdp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration NO_ANSWER_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    /** An answer: status, parsed body (null when empty or not JSON), and the headers the drills check. */
    record Answer(int status, JsonNode body, String contentType, String retryAfter, Duration took) {}

    /** A 5xx that is not a proper SCIM error (RFC 7644 §3.12 JSON as application/scim+json), or a 500. */
    record BadFailure(String method, String path, int status, String contentType, String why) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    private final IdpLedger ledger;
    private final Duration patience;
    private final Map<String, String> userIds = new ConcurrentHashMap<>();
    private final Map<String, String> groupIds = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> retriedStatuses = new ConcurrentHashMap<>();
    private final AtomicLong noAnswers = new AtomicLong();
    private final AtomicLong adoptedAfterConflict = new AtomicLong();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final List<BadFailure> badFailures = new CopyOnWriteArrayList<>();

    DrillIdp(String base, String token, IdpLedger ledger, Duration patience) {
        this.base = base;
        this.token = token;
        this.ledger = ledger;
        this.patience = patience;
    }

    IdpLedger ledger() {
        return ledger;
    }

    // ---- the writes of a provisioning cycle

    void createUser(IdpLedger.SentUser user) {
        String body = "{\"schemas\":[\"" + USER + "\"],\"externalId\":\"ext-" + user.userName() + "\",\"userName\":\""
                + user.userName() + "\"," + profile(user) + "}";
        Answer a = write("POST", "/scim/v2/Users", body, 201, 409);
        String id = a.status() == 201 ? a.body().path("id").asText() : lookUp("/scim/v2/Users", "userName", user.userName());
        userIds.put(IdpLedger.key(user.userName()), id);
        ledger.userSent(user);
    }

    /** Azure AD's profile change: replace of names, display name, email and active in one PATCH. */
    void updateUser(IdpLedger.SentUser user) {
        String body = "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"Replace\",\"value\":{"
                + profile(user) + "}}]}";
        write("PATCH", "/scim/v2/Users/" + userId(user.userName()), body, 200, 204);
        ledger.userSent(user);
    }

    void deleteUser(String userName) {
        write("DELETE", "/scim/v2/Users/" + userId(userName), null, 204, 404);
        ledger.userDeleted(userName);
    }

    void createGroup(String displayName) {
        String body = "{\"schemas\":[\"" + GROUP + "\"],\"externalId\":\"ext-" + displayName + "\",\"displayName\":\""
                + displayName + "\"}";
        Answer a = write("POST", "/scim/v2/Groups", body, 201, 409);
        String id = a.status() == 201 ? a.body().path("id").asText() : lookUp("/scim/v2/Groups", "displayName", displayName);
        groupIds.put(displayName, id);
        ledger.groupCreated(displayName);
    }

    void addMembers(String group, List<String> userNames) {
        write("PATCH", "/scim/v2/Groups/" + groupIds.get(group), members("Add", userNames), 200, 204);
        ledger.membersAdded(group, userNames);
    }

    void removeMembers(String group, List<String> userNames) {
        write("PATCH", "/scim/v2/Groups/" + groupIds.get(group), members("Remove", userNames), 200, 204);
        ledger.membersRemoved(group, userNames);
    }

    void deleteGroup(String group) {
        write("DELETE", "/scim/v2/Groups/" + groupIds.get(group), null, 204, 404);
        ledger.groupDeleted(group);
    }

    // ---- what the IdP saw

    long noAnswers() {
        return noAnswers.get();
    }

    /** Retried answers per status (429, 500, 503, ...). */
    Map<Integer, Long> retriedStatuses() {
        Map<Integer, Long> m = new java.util.TreeMap<>();
        retriedStatuses.forEach((s, n) -> m.put(s, n.get()));
        return m;
    }

    long adoptedAfterConflict() {
        return adoptedAfterConflict.get();
    }

    Duration slowestAnswer() {
        return Duration.ofMillis(slowestMillis.get());
    }

    List<BadFailure> badFailures() {
        return List.copyOf(badFailures);
    }

    /** One request, no retry: for probes (e.g. "what does a read answer while the store is down"). */
    Answer probe(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body);
    }

    static String filterPath(String resource, String attribute, String value) {
        return resource + "?filter=" + URLEncoder.encode(attribute + " eq \"" + value + "\"", StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    // ---- retries

    /**
     * Sends until an answer other than 429/5xx arrives or patience runs out. {@code accepted[1]}
     * (409 on create, 404 on delete) is only accepted on a retry: on a first attempt it would mean
     * the bridge lost or invented something.
     */
    private Answer write(String method, String path, String body, int expected, int afterLostAnswer) {
        Instant deadline = Instant.now().plus(patience);
        boolean retried = false;
        while (true) {
            Answer a;
            try {
                a = send(method, path, body);
            } catch (IOException e) {
                noAnswers.incrementAndGet();
                a = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (a != null && a.status() < 500 && a.status() != 429) {
                if (a.status() == expected || (expected == 200 && a.status() == 204)
                        || (a.status() == afterLostAnswer && (afterLostAnswer == 409 || retried))) {
                    if (a.status() == 409) {
                        adoptedAfterConflict.incrementAndGet();
                    }
                    return a;
                }
                throw new IllegalStateException(method + " " + path + " refused with " + a.status() + ": " + a.body());
            }
            if (a != null) {
                check(method, path, a);
                retriedStatuses.computeIfAbsent(a.status(), s -> new AtomicLong()).incrementAndGet();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(method + " " + path + " got no acceptable answer within " + patience);
            }
            retried = true;
            pause(a == null ? NO_ANSWER_PAUSE : retryAfter(a));
        }
    }

    private void check(String method, String path, Answer a) {
        String why = null;
        if (a.status() == 500) {
            why = "500: an outage must answer 503 (retry later), not an internal error";
        } else if (a.contentType() == null || !a.contentType().startsWith("application/scim+json")) {
            why = "content type " + a.contentType();
        } else if (a.body() == null || !String.valueOf(a.status()).equals(a.body().path("status").asText())) {
            why = "no RFC 7644 error body";
        } else if ((a.status() == 503 || a.status() == 429) && a.retryAfter() == null) {
            why = "no Retry-After";
        }
        if (why != null) {
            badFailures.add(new BadFailure(method, path, a.status(), a.contentType(), why));
        }
    }

    private static Duration retryAfter(Answer a) {
        try {
            Duration given = a.retryAfter() == null ? LONGEST_PAUSE : Duration.ofSeconds(Long.parseLong(a.retryAfter().trim()));
            return given.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : given;
        } catch (NumberFormatException e) {
            return LONGEST_PAUSE;
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d); // the IdP's retry interval (compressed), not a wait for luck
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String lookUp(String resource, String attribute, String value) {
        Answer a = write("GET", filterPath(resource, attribute, value), null, 200, -1);
        JsonNode first = a.body().path("Resources").path(0);
        if (first.isMissingNode()) {
            throw new IllegalStateException("409 for " + value + " but no such resource on lookup");
        }
        return first.path("id").asText();
    }

    private Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/scim+json");
        }
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        slowestMillis.accumulateAndGet(took.toMillis(), Math::max);
        JsonNode parsed = null;
        if (r.body() != null && !r.body().isBlank()) {
            try {
                parsed = JSON.readTree(r.body());
            } catch (IOException e) {
                parsed = null;
            }
        }
        return new Answer(r.statusCode(), parsed, r.headers().firstValue("Content-Type").orElse(null),
                r.headers().firstValue("Retry-After").orElse(null), took);
    }

    private String userId(String userName) {
        String id = userIds.get(IdpLedger.key(userName));
        if (id == null) {
            throw new IllegalStateException("the IdP never created " + userName);
        }
        return id;
    }

    private static String profile(IdpLedger.SentUser u) {
        return "\"displayName\":\"" + u.displayName() + "\",\"active\":" + u.active() + ",\"name\":{\"givenName\":\""
                + u.givenName() + "\",\"familyName\":\"" + u.familyName() + "\"},\"emails\":[{\"value\":\"" + u.email()
                + "\",\"type\":\"work\",\"primary\":true}]";
    }

    private String members(String op, List<String> userNames) {
        StringBuilder b = new StringBuilder("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"" + op
                + "\",\"path\":\"members\",\"value\":[");
        for (int i = 0; i < userNames.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"value\":\"").append(userId(userNames.get(i))).append("\"}");
        }
        return b.append("]}]}").toString();
    }
}
