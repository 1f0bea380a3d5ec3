// The Standard Schema v1 interface (https://standardschema.dev; the types of @standard-schema/spec
// 1.1.0, MIT), copied here as the spec invites, so the package has no dependency. Any validator
// that implements it is accepted by react-hook-form, TanStack Form, tRPC and others.

/** The Standard Typed interface: the base the Standard Schema interface extends. */
export interface StandardTypedV1<Input = unknown, Output = Input> {
  /** The Standard properties. */
  readonly '~standard': StandardTypedV1.Props<Input, Output>;
}

export declare namespace StandardTypedV1 {
  /** The Standard Typed properties. */
  interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Inferred types associated with the schema (types only: absent at run time). */
    readonly types?: Types<Input, Output> | undefined;
  }

  /** The input and output types of a schema. */
  interface Types<Input = unknown, Output = Input> {
    /** The input type of the schema. */
    readonly input: Input;
    /** The output type of the schema. */
    readonly output: Output;
  }

  /** The input type of a schema. */
  type InferInput<Schema extends StandardTypedV1> = NonNullable<Schema['~standard']['types']>['input'];
  /** The output type of a schema. */
  type InferOutput<Schema extends StandardTypedV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/** The Standard Schema interface. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties. */
  interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    /** Validates an unknown value. */
    readonly validate: (
      value: unknown,
      options?: StandardSchemaV1.Options | undefined,
    ) => Result<Output> | Promise<Result<Output>>;
  }

  /** What `validate` returns. */
  type Result<Output> = SuccessResult<Output> | FailureResult;

  /** The result when validation succeeds. */
  interface SuccessResult<Output> {
    /** The typed output value. */
    readonly value: Output;
    /** A falsy `issues` means success. */
    readonly issues?: undefined;
  }

  /** Options of `validate`. */
  interface Options {
    /** Vendor-specific parameters, if any. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }

  /** The result when validation fails. */
  interface FailureResult {
    /** What is wrong. */
    readonly issues: ReadonlyArray<Issue>;
  }

  /** One thing that is wrong. */
  interface Issue {
    /** The error message. */
    readonly message: string;
    /** Where in the value, if anywhere in particular. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }

  /** A segment of an issue's path. */
  interface PathSegment {
    /** The key of the segment. */
    readonly key: PropertyKey;
  }

  /** The input and output types of a schema. */
  interface Types<Input = unknown, Output = Input> extends StandardTypedV1.Types<Input, Output> {}

  /** The input type of a schema. */
  type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>;
  /** The output type of a schema. */
  type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>;
}
