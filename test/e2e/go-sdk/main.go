// Command go-sdk-e2e runs one step of a Go Pulumi program that uses the generated Go SDK
// (sdk/go), through the Automation API with an inline program: this process serves its own
// language runtime, so no Go language host is needed, and the real CLI on PATH drives the
// native novu plugin named by NOVU_E2E_PLUGIN_DIR (test/e2e/go-sdk.test.ts runs it).
//
//	go-sdk-e2e <up|preview|destroy> <work-dir>
//
// Environment: NOVU_E2E_API_URL, NOVU_E2E_SECRET_KEY (stack config), NOVU_E2E_PLUGIN_DIR,
// NOVU_E2E_NAME (the integration's display name, changed between two ups), and the Pulumi
// backend variables. It prints one JSON object: the step's outcome and the stack outputs.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/pulumi-novu/pulumi-novu/sdk/go/novu"
)

// program declares one email integration with the generated SDK and reads back, through the
// SDK's functions, the environment the key reaches and the integration by identifier.
func program(ctx *pulumi.Context) error {
	mail, err := novu.NewIntegration(ctx, "go-mail", &novu.IntegrationArgs{
		ProviderId:  pulumi.String("sendgrid"),
		Channel:     novu.ChannelEmail,
		Name:        pulumi.String(os.Getenv("NOVU_E2E_NAME")),
		Credentials: pulumi.Map{"apiKey": pulumi.ToSecret(pulumi.String("SG.go-sdk")), "from": pulumi.String("go@example.com"), "senderName": pulumi.String("Go")},
	})
	if err != nil {
		return err
	}
	env, err := novu.GetEnvironment(ctx)
	if err != nil {
		return err
	}
	found := novu.LookupIntegrationOutput(ctx, novu.LookupIntegrationOutputArgs{Identifier: mail.Identifier})
	ctx.Export("integrationId", mail.IntegrationId)
	ctx.Export("identifier", mail.Identifier)
	ctx.Export("name", mail.Name)
	ctx.Export("environmentName", pulumi.String(env.Name))
	ctx.Export("foundName", found.Name())
	return nil
}

type result struct {
	Step    string         `json:"step"`
	Changes map[string]int `json:"changes,omitempty"`
	Outputs map[string]any `json:"outputs,omitempty"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go-sdk-e2e <up|preview|destroy> <work-dir>")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "go-sdk-e2e:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, step, workDir string) error {
	project := workspace.Project{
		Name:    "novu-go-sdk",
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
		Plugins: &workspace.Plugins{Providers: []workspace.PluginOptions{{Name: "novu", Path: os.Getenv("NOVU_E2E_PLUGIN_DIR")}}},
	}
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", project.Name.String(), program, auto.Project(project), auto.WorkDir(workDir))
	if err != nil {
		return err
	}
	if err := stack.SetConfig(ctx, "novu:apiUrl", auto.ConfigValue{Value: os.Getenv("NOVU_E2E_API_URL")}); err != nil {
		return err
	}
	if err := stack.SetConfig(ctx, "novu:secretKey", auto.ConfigValue{Value: os.Getenv("NOVU_E2E_SECRET_KEY"), Secret: true}); err != nil {
		return err
	}
	out := result{Step: step}
	switch step {
	case "up":
		res, err := stack.Up(ctx, optup.ErrorProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		out.Changes = changes(res.Summary.ResourceChanges)
		out.Outputs = map[string]any{}
		for key, value := range res.Outputs {
			out.Outputs[key] = value.Value
		}
	case "preview":
		res, err := stack.Preview(ctx, optpreview.ExpectNoChanges(), optpreview.ErrorProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		out.Changes = map[string]int{}
		for op, n := range res.ChangeSummary {
			out.Changes[string(op)] = n
		}
	case "destroy":
		res, err := stack.Destroy(ctx, optdestroy.ErrorProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		out.Changes = changes(res.Summary.ResourceChanges)
	default:
		return fmt.Errorf("unknown step %q", step)
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}

func changes(summary *map[string]int) map[string]int {
	if summary == nil {
		return nil
	}
	return *summary
}
