package io.scimbridge.identitycenter.delivery;

import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import java.util.Optional;

/**
 * The two sides a delivery diffs: the source state of the resource, and what the shadow knows
 * Identity Center holds of it (empty: nothing, as far as the bridge knows).
 */
record Sides(SourceSnapshot source, Optional<Shadow> shadow) {}
