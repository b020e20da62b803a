package io.scimbridge.identitycenter.delivery;

/**
 * Fired (synchronously) when delivery is about to deactivate or delete a user in Identity Center,
 * and after it re-activated one: what session revocation keys its deny list on. Fired before the
 * deactivating call, so that an observer's durable record exists before Identity Center stops
 * the user's sign-ins; an observer that throws fails the delivery, which is retried.
 *
 * @param icUserId the user's Identity Center id (identitystore:userId)
 */
public record UserAccessChanged(String resourceId, String source, String icUserId, Change change) {

    /** What happened to the user's access. */
    public enum Change { DEACTIVATED, DELETED, REACTIVATED }
}
