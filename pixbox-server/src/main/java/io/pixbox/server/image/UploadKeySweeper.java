package io.pixbox.server.image;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.PeriodicTask;
import io.pixbox.server.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Forgets upload idempotency keys older than their time to live, in the scheduler role, every sweep interval. */
@Component
@ConditionalOnRole(Role.SCHEDULER)
class UploadKeySweeper extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(UploadKeySweeper.class);

    private final UploadKeys keys;

    UploadKeySweeper(UploadKeys keys, IdempotencyProperties settings) {
        super("upload-key-sweeper", settings.sweepInterval());
        this.keys = keys;
    }

    @Override
    protected void runOnce() {
        int swept = keys.sweepExpired();
        if (swept > 0) {
            log.info("Forgot {} upload idempotency key(s) past their time to live", swept);
        }
    }
}
