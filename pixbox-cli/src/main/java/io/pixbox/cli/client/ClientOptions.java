package io.pixbox.cli.client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every client command takes: where the server is, which protocol, how to print. */
public final class ClientOptions {

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:PIXBOX_SERVER}",
            description = "The server's HTTP address (env PIXBOX_SERVER; default: the stored login, else http://localhost:8080).")
    String server;

    @Option(names = "--grpc", paramLabel = "HOST:PORT", defaultValue = "${env:PIXBOX_GRPC}",
            description = "The gRPC server (env PIXBOX_GRPC; default: the stored login, else the server's host and port 9090).")
    String grpc;

    @Option(names = "--rest", description = "Talk to the REST API instead of gRPC.")
    boolean rest;

    @Option(names = "--json", description = "Print the result as JSON, for scripts.")
    boolean json;

    @Option(names = "--config", paramLabel = "DIR",
            description = "Where the login is stored (default: $XDG_CONFIG_HOME/pixbox or ~/.config/pixbox).")
    Path config;

    Path configDirectory() {
        return config != null ? config : Login.defaultDirectory();
    }

    /** The login with the options' and the environment's overrides (PIXBOX_TOKEN for the token). */
    Login login() {
        return Login.resolve(configDirectory(), server, grpc, System.getenv("PIXBOX_TOKEN"));
    }

    /**
     * A client of the server, over gRPC unless --rest; the token is sent when there is one. Without one, the
     * server decides (a server in local mode needs none), and its "auth.required" becomes a hint to log in.
     */
    PixboxApi connect(Login login) {
        PixboxApi api = rest ? new RestApi(login.server(), login.token()) : new GrpcApi(login.grpc(), login.token());
        if (login.token() != null) {
            return api;
        }
        return (PixboxApi) Proxy.newProxyInstance(PixboxApi.class.getClassLoader(), new Class<?>[] {PixboxApi.class},
                (proxy, method, arguments) -> {
                    try {
                        return method.invoke(api, arguments);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof ClientException refused && refused.code().equals("auth.required")) {
                            throw new ClientException("auth.required", "not logged in: run 'pixbox login', or set PIXBOX_TOKEN",
                                    ClientException.AUTH);
                        }
                        throw e.getCause();
                    }
                });
    }

    boolean json() {
        return json;
    }
}
