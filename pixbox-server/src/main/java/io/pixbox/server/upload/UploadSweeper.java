package io.pixbox.server.upload;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.PeriodicTask;
import io.pixbox.server.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Expires direct uploads that were never completed, in the scheduler role, every sweep interval. */
@Component
@ConditionalOnRole(Role.SCHEDULER)
class UploadSweeper extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(UploadSweeper.class);

    private final Uploads uploads;

    UploadSweeper(Uploads uploads, UploadProperties settings) {
        super("upload-sweeper", settings.sweepInterval());
        this.uploads = uploads;
    }

    @Override
    protected void runOnce() {
        int swept;
        do {
            swept = uploads.sweepExpired();
            if (swept > 0) {
                log.info("Expired {} direct upload(s) that were not completed in time", swept);
            }
        } while (swept > 0);
    }
}
