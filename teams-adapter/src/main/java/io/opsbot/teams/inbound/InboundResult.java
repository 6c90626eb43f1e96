package io.opsbot.teams.inbound;

/** The HTTP answer to one activity: 200 with no body, or an invoke's response body. */
record InboundResult(int status, String body) {

    static InboundResult ok() {
        return new InboundResult(200, null);
    }

    static InboundResult invokeResponse(String json) {
        return new InboundResult(200, json);
    }
}
