package io.pixbox.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * Where the client finds its server and token: the stored login ({@code login.properties} in the config
 * directory, readable by its owner alone), overridden by options and the environment.
 *
 * @param server the REST API's base URL, such as http://localhost:8080
 * @param grpc   the gRPC server as host:port
 * @param token  a bearer token, or null when not logged in
 */
public record Login(URI server, String grpc, String token) {

    static final String FILE = "login.properties";

    /** The config directory: $XDG_CONFIG_HOME/pixbox, else ~/.config/pixbox. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("pixbox");
    }

    /** The stored login in {@code directory}, each part replaced by the override given (non-null, non-blank). */
    public static Login resolve(Path directory, String server, String grpc, String token) {
        Properties stored = new Properties();
        Path file = directory.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                stored.load(in);
            } catch (IOException e) {
                throw new ClientException("client.config", "cannot read " + file + ": " + e.getMessage(), ClientException.FAILED);
            }
        }
        URI serverUri = uri(first(server, stored.getProperty("server"), "http://localhost:8080"));
        String grpcAddress = first(grpc, stored.getProperty("grpc"), serverUri.getHost() + ":9090");
        return new Login(serverUri, grpcAddress, first(token, stored.getProperty("token"), null));
    }

    /** Writes this login to {@code directory}, created if missing, as a file only its owner can read (mode 600). */
    public Path store(Path directory) {
        Properties properties = new Properties();
        properties.setProperty("server", server.toString());
        properties.setProperty("grpc", grpc);
        properties.setProperty("token", token);
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(FILE + ".new");
            Files.deleteIfExists(temporary);
            try {
                // Created private, so that the token is never readable by others, not even for a moment.
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalStateException(e);
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                properties.store(out, "pixbox login: the server and a personal API token; keep private");
            }
            return Files.move(temporary, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the login in " + directory, e);
        }
    }


    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return null;
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text.endsWith("/") ? text : text + "/");
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ClientException("client.bad_address", "the server must be an http(s) URL such as http://localhost:8080, got "
                    + text, ClientException.USAGE);
        }
    }
}
