package io.pixbox.server.account.grpc;

import io.grpc.stub.StreamObserver;
import io.pixbox.api.v1.AuthServiceGrpc;
import io.pixbox.api.v1.CreateApiTokenRequest;
import io.pixbox.api.v1.CreateApiTokenResponse;
import io.pixbox.api.v1.LoginRequest;
import io.pixbox.api.v1.LoginResponse;
import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.ApiTokens;
import io.pixbox.server.account.SignIn;
import io.pixbox.server.grpc.GrpcCalls;
import io.pixbox.server.grpc.RemoteAddress;
import org.springframework.stereotype.Service;

/** pixbox.v1.AuthService: the password sign-in and personal API tokens, on the same services as REST's. */
@Service
@ConditionalOnRole(Role.API)
class AuthGrpcService extends AuthServiceGrpc.AuthServiceImplBase {

    private final SignIn signIn;
    private final ApiTokens tokens;

    AuthGrpcService(SignIn signIn, ApiTokens tokens) {
        this.signIn = signIn;
        this.tokens = tokens;
    }

    @Override
    public void login(LoginRequest request, StreamObserver<LoginResponse> responses) {
        SignIn.Session session = signIn.login(request.getUsername(), request.getPassword(), RemoteAddress.current());
        responses.onNext(LoginResponse.newBuilder().setAccessToken(session.accessToken())
                .setRefreshToken(session.refreshToken()).setExpiresInSeconds(session.expiresIn()).build());
        responses.onCompleted();
    }

    @Override
    public void createApiToken(CreateApiTokenRequest request, StreamObserver<CreateApiTokenResponse> responses) {
        ApiTokens.Created created = tokens.create(GrpcCalls.requiredCaller().id(), request.getName());
        responses.onNext(CreateApiTokenResponse.newBuilder().setId(created.token().id().toString())
                .setToken(created.secret()).build());
        responses.onCompleted();
    }
}
