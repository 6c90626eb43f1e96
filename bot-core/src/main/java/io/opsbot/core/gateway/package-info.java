/**
 * The outbound port each adapter implements (ChatGateway) and where a message goes (Destination); the core's only way
 * out to a platform.
 */
package io.opsbot.core.gateway;
