package io.pixbox.cli.client;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Stores the server's address and a token for the other commands, signing in to get one if none is given. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Sign in to a Pixbox server and store its address and a token for the other commands.",
        footer = {"",
                "Asks for your username and password (or reads the password from standard input when it is",
                "not a terminal) and stores a new personal API token; or stores the token given with --token.",
                "Signs in over gRPC (AuthService.Login), or over REST with --rest.",
                "The login goes to $XDG_CONFIG_HOME/pixbox/login.properties (else ~/.config/pixbox), readable",
                "by you alone. PIXBOX_SERVER, PIXBOX_GRPC and PIXBOX_TOKEN override it.",
                "",
                "Examples:",
                "  pixbox login --server http://pixbox.example.com:8080 --username alice",
                "  pixbox login --server http://localhost:8080 --token pbx_...",
                "",
                ClientCommand.EXIT_CODES})
public final class LoginCommand extends ClientCommand {

    @Option(names = "--username", paramLabel = "NAME", description = "Your username; asked for when missing.")
    String username;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Store this token (a personal API token pbx_... or an access token) instead of signing in.")
    String token;

    @Override
    public Integer call() throws IOException {
        Login given = options.login();
        String stored = token;
        if (stored == null) {
            String name = username != null ? username : ask("Username: ");
            String password = askPassword();
            String tokenName = "pixbox cli on " + hostName();
            // Over the protocol the other commands use: a client that reaches only the gRPC port can sign in.
            stored = options.rest ? RestApi.login(given.server(), name, password, tokenName)
                    : GrpcApi.login(given.grpc(), name, password, tokenName);
        }
        Login login = new Login(given.server(), given.grpc(), stored);
        try (PixboxApi api = options.connect(login)) {
            api.jobs(1); // proves the token and the protocol work before they are stored
        }
        Path file = login.store(options.configDirectory());
        if (options.json()) {
            printJson(Map.of("server", login.server().toString(), "grpc", login.grpc(), "stored", file.toString()));
        } else {
            out().println("Logged in to " + login.server() + " (gRPC " + login.grpc() + "); stored in " + file);
        }
        return 0;
    }

    private String ask(String prompt) throws IOException {
        Console console = System.console();
        if (console != null) {
            String answer = console.readLine("%s", prompt);
            if (answer != null && !answer.isBlank()) {
                return answer.strip();
            }
        }
        throw new ClientException("client.usage", "give --username (or --token)", ClientException.USAGE);
    }

    private static String askPassword() throws IOException {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            char[] password = console.readPassword("Password: ");
            if (password != null) {
                return new String(password);
            }
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new ClientException("client.usage", "no password given (type it, or pipe it on standard input)",
                    ClientException.USAGE);
        }
        return line;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }
}
