// Command sdkgen-dotnet writes the novu package's .NET SDK with Pulumi's C# code generator.
//
//	sdkgen-dotnet <schema.json> <out-dir>   (writes <out-dir>/dotnet)
//
// A module of its own because pkg/v3 no longer carries codegen/dotnet after v3.206.0 (it moved to
// pulumi/pulumi-dotnet, whose module the Go module proxy here does not serve): this one requires
// pkg/v3 v3.206.0, the newest version with it in the module cache (the Pulumi YAML host's build
// already downloads it). Same contract as tools/sdkgen/main.go.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-novu sdkgen"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen-dotnet <schema.json> <out-dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], filepath.Join(os.Args[2], "dotnet")); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen-dotnet:", err)
		os.Exit(1)
	}
}

func run(schemaPath, outDir string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("%s is not a valid package schema: %s", schemaPath, diags.Error())
	}
	files, err := dotnet.GeneratePackage(tool, pkg, nil, nil)
	if err != nil {
		return err
	}
	for name, content := range files {
		file := filepath.Join(outDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
