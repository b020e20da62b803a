package io.scimbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.testing.idp.AzureAd;
import io.scimbridge.testing.idp.Json;
import io.scimbridge.testing.idp.ScimOverHttp;
import io.scimbridge.testing.idp.ScimOverHttp.Answer;
import io.scimbridge.testing.idp.UserBuilder;
import java.io.IOException;
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
 * entered in the {@link IdpLedger}. Bodies from {@link AzureAd} and {@link Json}, sent over
 * {@link ScimOverHttp}.
 */
final class DrillIdp {

    static final ObjectMapper JSON = Json.MAPPER;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration NO_ANSWER_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    /** A 5xx that is not a proper SCIM error (RFC 7644 §3.12 JSON as application/scim+json), or a 500. */
    record BadFailure(String method, String path, int status, String contentType, String why) {}

    private final ScimOverHttp http;
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
        this.http = new ScimOverHttp(base, "Bearer " + token, null, Duration.ofSeconds(5), REQUEST_TIMEOUT);
        this.ledger = ledger;
        this.patience = patience;
    }

    IdpLedger ledger() {
        return ledger;
    }

    // ---- the writes of a provisioning cycle

    void createUser(IdpLedger.SentUser user) {
        ObjectNode body = Json.user("externalId", "ext-" + user.userName(), "userName", user.userName());
        body.setAll(profile(user));
        Answer a = write("POST", "/scim/v2/Users", Json.write(body), 201, 409);
        String id = a.status() == 201 ? a.body().path("id").asText() : lookUp("/scim/v2/Users", "userName", user.userName());
        userIds.put(IdpLedger.key(user.userName()), id);
        ledger.userSent(user);
    }

    /** Azure AD's profile change: replace of names, display name, email and active in one PATCH. */
    void updateUser(IdpLedger.SentUser user) {
        String body = Json.write(AzureAd.patch(AzureAd.op("Replace", null, profile(user))));
        write("PATCH", "/scim/v2/Users/" + userId(user.userName()), body, 200, 204);
        ledger.userSent(user);
    }

    void deleteUser(String userName) {
        write("DELETE", "/scim/v2/Users/" + userId(userName), null, 204, 404);
        ledger.userDeleted(userName);
    }

    void createGroup(String displayName) {
        String body = Json.write(Json.group("externalId", "ext-" + displayName, "displayName", displayName));
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
        Answer a = write("GET", ScimOverHttp.filterPath(resource, attribute, value), null, 200, -1);
        JsonNode first = a.body().path("Resources").path(0);
        if (first.isMissingNode()) {
            throw new IllegalStateException("409 for " + value + " but no such resource on lookup");
        }
        return first.path("id").asText();
    }

    private Answer send(String method, String path, String body) throws IOException, InterruptedException {
        Answer a = http.send(method, path, body);
        slowestMillis.accumulateAndGet(a.took().toMillis(), Math::max);
        return a;
    }

    private String userId(String userName) {
        String id = userIds.get(IdpLedger.key(userName));
        if (id == null) {
            throw new IllegalStateException("the IdP never created " + userName);
        }
        return id;
    }

    /** The profile attributes Azure AD sends on create and in its path-less replace. */
    private static ObjectNode profile(IdpLedger.SentUser u) {
        return UserBuilder.user(u.userName()).displayName(u.displayName()).active(u.active())
                .givenAndFamilyName(u.givenName(), u.familyName()).workEmail(u.email()).core().without("userName");
    }

    /** {"op":"Add"|"Remove","path":"members","value":[{"value":"id"}, ...]}: Azure AD's member list form. */
    private String members(String op, List<String> userNames) {
        return Json.write(AzureAd.patch(AzureAd.op(op, "members",
                Json.arr(userNames.stream().map(n -> Json.obj("value", userId(n))).toArray()))));
    }
}
