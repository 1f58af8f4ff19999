using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ReasoningGraph.Architecture.Tests;

/// <summary>
/// The types of its own module that each type of a compiled module uses: in its base type, interfaces, attributes,
/// fields, properties, events, method signatures, local variables and the instructions of its method bodies.
/// Nested and compiler-generated types (closures, state machines) count as their outermost declaring type.
/// </summary>
internal static class TypeDependencies
{
    /// <summary>(user, used) pairs of top-level types of <paramref name="module"/>, a user never paired with itself.</summary>
    public static IEnumerable<(TypeDefinition From, TypeDefinition To)> Of(ModuleDefinition module)
    {
        foreach (TypeDefinition type in module.GetTypes())
        {
            TypeDefinition from = Outermost(type);
            var used = new HashSet<TypeDefinition>();
            foreach (TypeReference reference in ReferencesOf(type))
            {
                if (Local(reference, module) is { } to && Outermost(to) is var top && top != from && used.Add(top))
                {
                    yield return (from, top);
                }
            }
        }
    }

    private static IEnumerable<TypeReference> ReferencesOf(TypeDefinition type)
    {
        if (type.BaseType is not null)
        {
            yield return type.BaseType;
        }

        foreach (var item in type.Interfaces.Select(i => i.InterfaceType)
            .Concat(Attributes(type))
            .Concat(Constraints(type))
            .Concat(type.Fields.SelectMany(f => Attributes(f).Prepend(f.FieldType)))
            .Concat(type.Properties.SelectMany(p => Attributes(p).Prepend(p.PropertyType)))
            .Concat(type.Events.Select(e => e.EventType))
            .Concat(type.Methods.SelectMany(MethodReferences)))
        {
            yield return item;
        }
    }

    private static IEnumerable<TypeReference> MethodReferences(MethodDefinition method)
    {
        yield return method.ReturnType;
        foreach (var item in method.Parameters.Select(p => p.ParameterType).Concat(Attributes(method)).Concat(Constraints(method)))
        {
            yield return item;
        }

        if (!method.HasBody)
        {
            yield break;
        }

        foreach (VariableDefinition variable in method.Body.Variables)
        {
            yield return variable.VariableType;
        }

        foreach (Instruction instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference operand:
                    yield return operand;
                    break;
                case MethodReference operand:
                    foreach (var item in Signature(operand))
                    {
                        yield return item;
                    }

                    break;
                case FieldReference operand:
                    yield return operand.DeclaringType;
                    yield return operand.FieldType;
                    break;
            }
        }
    }

    private static IEnumerable<TypeReference> Signature(MethodReference method)
    {
        yield return method.DeclaringType;
        yield return method.ReturnType;
        foreach (var parameter in method.Parameters)
        {
            yield return parameter.ParameterType;
        }

        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                yield return argument;
            }
        }
    }

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider) =>
        provider.CustomAttributes.SelectMany(a => a.ConstructorArguments.Concat(a.Properties.Select(p => p.Argument))
            .Select(argument => argument.Value).OfType<TypeReference>().Prepend(a.AttributeType));

    private static IEnumerable<TypeReference> Constraints(IGenericParameterProvider provider) =>
        provider.GenericParameters.SelectMany(p => p.Constraints.Select(c => c.ConstraintType));

    /// <summary>The definition in <paramref name="module"/> that a reference names (element types and generic
    /// arguments unwrapped: the first local one), or null when it names none.</summary>
    private static TypeDefinition? Local(TypeReference reference, ModuleDefinition module)
    {
        switch (reference)
        {
            case GenericParameter:
                return null;
            case GenericInstanceType generic:
                return Local(generic.ElementType, module) ?? generic.GenericArguments.Select(a => Local(a, module)).FirstOrDefault(d => d is not null);
            case TypeSpecification specification: // arrays, by-ref, pointers, modifiers
                return Local(specification.ElementType, module);
            case TypeDefinition definition:
                return definition.Module == module ? definition : null;
            default:
                return reference.Scope == module ? reference.Resolve() : null;
        }
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }
}
