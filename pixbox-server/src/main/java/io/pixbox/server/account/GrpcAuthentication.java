package io.pixbox.server.account;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.pixbox.api.v1.AuthServiceGrpc;
import io.pixbox.api.v1.ImageServiceGrpc;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.BearerTokenAuthenticationExtractor;
import org.springframework.grpc.server.security.GrpcAuthenticationExtractor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Who may call what over gRPC, as over REST: the same bearer tokens (access tokens and personal API tokens,
 * checked by {@link TokenAuthentication}), reading images open to all, everything else for the signed-in only.
 * Health, reflection and AuthService/Login are open. In local mode a call without a token acts as the local admin.
 * Only where the gRPC server runs (the api role, see PixboxDefaults).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.grpc.server.enabled", matchIfMissing = true)
class GrpcAuthentication {

    private static final String IMAGES = ImageServiceGrpc.SERVICE_NAME + "/";

    @Bean
    @GlobalServerInterceptor
    AuthenticationProcessInterceptor grpcAuthenticationInterceptor(GrpcSecurity grpc, JwtDecoder jwtDecoder, ApiTokens apiTokens,
                                                  AccountProperties settings, LocalAccount localAccount) throws Exception {
        ProviderManager tokens = TokenAuthentication.manager(jwtDecoder, apiTokens);
        // The local admin comes signed in already; everything else is a bearer token to check.
        AuthenticationManager manager = authentication -> authentication instanceof CallerAuthentication
                ? authentication : tokens.authenticate(authentication);
        GrpcAuthenticationExtractor bearer = new BearerTokenAuthenticationExtractor();
        GrpcAuthenticationExtractor extractor = settings.localMode()
                ? (Metadata headers, Attributes attributes, MethodDescriptor<?, ?> method) -> {
                    Authentication token = bearer.extract(headers, attributes, method);
                    return token != null ? token : CallerAuthentication.of(localAccount.get());
                }
                : bearer;
        return grpc.authenticationManager(manager)
                .authenticationExtractor(extractor)
                .authorizeRequests(requests -> requests
                        .methods("grpc.*/*").permitAll()
                        .methods(AuthServiceGrpc.SERVICE_NAME + "/Login").permitAll()
                        .methods(IMAGES + "ListImages", IMAGES + "GetImage", IMAGES + "Download").permitAll()
                        .allRequests().authenticated())
                .build();
    }
}
