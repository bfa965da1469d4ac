// Novu notification integrations (provider, channel, credentials, conditions, primary) as Pulumi resources.
package novu
