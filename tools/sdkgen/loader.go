package main

import (
	"context"
	"fmt"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noOtherPackages is the loader the generators get: the novu schema refers to no other package
// (only pulumi.json's built-in types), so nothing is ever loaded, and no plugin is started to try.
type noOtherPackages struct{}

func (noOtherPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, notLoaded(name)
}

func (noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, notLoaded(d.Name)
}

func (noOtherPackages) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, notLoaded(name)
}

func (noOtherPackages) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, notLoaded(d.Name)
}

func notLoaded(name string) error {
	return fmt.Errorf("schema.json refers to package %q: the novu SDKs are generated from their own schema alone", name)
}
