package io.pixbox.server.image;

import io.pixbox.server.account.Caller;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.storage.ObjectStores;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes an image with everything that is only its own: its jobs and variant records and, when no other image has
 * the same bytes, the stored original and every variant made of it.
 */
@Service
public class ImageRemoval {

    private static final Logger log = LoggerFactory.getLogger(ImageRemoval.class);

    private final Images images;
    private final JobQueue queue;
    private final ObjectStores stores;
    private final TransactionTemplate transactions;

    ImageRemoval(Images images, JobQueue queue, ObjectStores stores, TransactionTemplate transactions) {
        this.images = images;
        this.queue = queue;
        this.stores = stores;
        this.transactions = transactions;
    }

    /**
     * @throws ImageNotFoundException when there is no such image
     * @throws io.pixbox.server.account.ForbiddenException unless the caller owns the image or is an admin
     */
    public void delete(Caller caller, UUID id) {
        transactions.executeWithoutResult(status -> {
            Image image = images.find(id).orElseThrow(() -> new ImageNotFoundException(id));
            caller.checkOwnerOrAdmin(image.ownerId(), "image " + id);
            images.lockOriginal(image.sha256());
            queue.deleteForImage(id);
            images.delete(id);
            if (images.countWithHash(image.sha256()) == 0) {
                images.deleteOriginal(image.sha256());
                // Still under the row lock: an upload of the same bytes waits, then stores them again.
                int variants = stores.variants().deleteAll(ContentKeys.variantPrefix(image.sha256()));
                stores.originals().delete(image.objectKey());
                log.debug("Removed the original {} and {} variant objects of image {}", image.objectKey(), variants, id);
            }
        });
    }
}
