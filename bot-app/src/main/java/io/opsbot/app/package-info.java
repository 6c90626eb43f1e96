/** The runnable application: the core and both adapters assembled into one Spring Boot jar. */
package io.opsbot.app;
