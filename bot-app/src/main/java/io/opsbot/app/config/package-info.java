/** Start-up adjustments to the environment, such as the MONGODB_URI name older deployments used. */
package io.opsbot.app.config;
