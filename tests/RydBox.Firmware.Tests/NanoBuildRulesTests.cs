using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace RydBox.Firmware.Tests;

/// <summary>
/// The nanoFramework build already fails on any API the device lacks. Generics are the one rule
/// the compiler cannot enforce (Roslyn emits them happily), so the device build's metadata is checked.
/// </summary>
public class NanoBuildRulesTests
{
    [Fact]
    public void Device_build_references_only_nanoFramework_mscorlib()
    {
        using var pe = new PEReader(File.OpenRead(NanoAssemblyPath()));
        MetadataReader md = pe.GetMetadataReader();
        var references = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
        references.Should().Equal("mscorlib");
    }

    [Fact]
    public void Device_build_declares_and_uses_no_generics()
    {
        using var pe = new PEReader(File.OpenRead(NanoAssemblyPath()));
        MetadataReader md = pe.GetMetadataReader();
        md.GetTableRowCount(TableIndex.GenericParam).Should().Be(0, "no generic type or method may be declared");
        md.GetTableRowCount(TableIndex.MethodSpec).Should().Be(0, "no generic method may be called");

        var offenders = new List<string>();
        var provider = new GenericUseDetector();
        foreach (var handle in md.FieldDefinitions)
        {
            var field = md.GetFieldDefinition(handle);
            if (field.DecodeSignature(provider, null))
            {
                offenders.Add("field " + md.GetString(field.Name));
            }
        }

        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            var signature = method.DecodeSignature(provider, null);
            if (signature.ReturnType || signature.ParameterTypes.Any(p => p))
            {
                offenders.Add("method " + md.GetString(method.Name));
            }

            if (method.RelativeVirtualAddress != 0)
            {
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil &&
                    md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null).Any(l => l))
                {
                    offenders.Add("locals of " + md.GetString(method.Name));
                }
            }
        }

        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            bool generic = member.GetKind() == MemberReferenceKind.Field
                ? member.DecodeFieldSignature(provider, null)
                : member.DecodeMethodSignature(provider, null) is var s && (s.ReturnType || s.ParameterTypes.Any(p => p));
            if (generic || (member.Parent.Kind == HandleKind.TypeSpecification &&
                            MentionsGenerics(md, provider, (TypeSpecificationHandle)member.Parent)))
            {
                offenders.Add("reference to " + md.GetString(member.Name));
            }
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            if (MentionsGenerics(md, provider, MetadataTokens.TypeSpecificationHandle(row)))
            {
                offenders.Add("type specification " + row);
            }
        }

        offenders.Should().BeEmpty("the device's runtime has no generics (Action<T>, Func<T> included)");
    }

    private static bool MentionsGenerics(MetadataReader md, GenericUseDetector provider, TypeSpecificationHandle handle)
    {
        var reader = md.GetBlobReader(md.GetTypeSpecification(handle).Signature);
        return new SignatureDecoder<bool, object?>(provider, md, null).DecodeType(ref reader);
    }

    private static string NanoAssemblyPath()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RydBox.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("RydBox.sln not found above the test output");
        }

        string config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string path = Path.Combine(root, "firmware", "RydBox.Firmware.Core.Nano", "bin", config, "net10.0", "RydBox.Firmware.Core.dll");
        File.Exists(path).Should().BeTrue($"the device build must exist at {path}; the test project builds it");
        return path;
    }

    /// <summary>Decodes a signature to "does it mention a generic instantiation or parameter".</summary>
    private sealed class GenericUseDetector : ISignatureTypeProvider<bool, object?>
    {
        public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => true;
        public bool GetGenericMethodParameter(object? context, int index) => true;
        public bool GetGenericTypeParameter(object? context, int index) => true;
        public bool GetArrayType(bool elementType, ArrayShape shape) => elementType;
        public bool GetByReferenceType(bool elementType) => elementType;
        public bool GetFunctionPointerType(MethodSignature<bool> signature) => signature.ReturnType || signature.ParameterTypes.Any(p => p);
        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => unmodifiedType;
        public bool GetPinnedType(bool elementType) => elementType;
        public bool GetPointerType(bool elementType) => elementType;
        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => false;
        public bool GetSZArrayType(bool elementType) => elementType;
        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => false;
        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => false;
        public bool GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            MentionsGenerics(reader, this, handle);
    }
}
