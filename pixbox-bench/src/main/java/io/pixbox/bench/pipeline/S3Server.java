package io.pixbox.bench.pipeline;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A local S3 server for {@code pipeline.sh}: S3Proxy keeping objects as files under a directory, on a free port of
 * 127.0.0.1, asking for requests signed with the access and secret key given (fixed local test values: it listens
 * on the loopback address only). It prints {@code S3 is up at URL} once it answers and runs until it is killed.
 *
 * <pre>java -cp … io.pixbox.bench.pipeline.S3Server DIRECTORY ACCESS_KEY SECRET_KEY</pre>
 */
public final class S3Server {

    private S3Server() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: S3Server DIRECTORY ACCESS_KEY SECRET_KEY");
            System.exit(2);
        }
        Path root = Files.createDirectories(Path.of(args[0])).toAbsolutePath();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(root.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[1], args[2])
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        System.out.println("S3 is up at http://127.0.0.1:" + proxy.getPort() + " with objects in " + root);
        System.out.flush();
        Thread.currentThread().join();
    }
}
