package io.scimbridge.identitycenter.delivery;

import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import java.util.Optional;

/**
 * The two sides a delivery diffs: the source state of the resource, and what the shadow knows
 * Identity Center holds of it (empty: nothing, as far as the bridge knows). Until
 * {@link SidesReader#resolve} has run, {@code createInFlight} is the unique name of a create sent
 * without its answer recorded, when there is one.
 */
record Sides(SourceSnapshot source, Optional<Shadow> shadow, Optional<String> createInFlight) {}
