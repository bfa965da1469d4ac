import type * as pulumi from "@pulumi/pulumi";

/**
 * `T` with `pulumi.Input` allowed at every level, so args can mix plain values and outputs.
 * Not distributive over unions: an `Output<boolean>` or an `Output<Channel>` is accepted as one
 * input, not only `Output<true>`, `Output<false>` or an output of a single channel.
 */
export type DeepInput<T> = unknown extends T
  ? pulumi.Input<T>
  : undefined extends T
    ? DeepInput<Exclude<T, undefined>> | undefined
    : [T] extends [string | number | boolean | null]
      ? pulumi.Input<T>
      : [T] extends [readonly (infer E)[]]
        ? pulumi.Input<DeepInput<E>[]>
        : [T] extends [object]
          ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
          : pulumi.Input<T>;
