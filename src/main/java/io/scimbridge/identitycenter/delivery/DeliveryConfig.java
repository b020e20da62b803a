package io.scimbridge.identitycenter.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Delivery to Identity Center in this process. */
@ConfigMapping(prefix = "bridge.delivery")
public interface DeliveryConfig {

    /** Off only where something else drives delivery (tests that deliver by hand). */
    @WithDefault("true")
    boolean enabled();
}
